namespace CryptoPredict.Core.Indicators;

/// <summary>Log returns and historical volatility (sample standard deviation of log returns over a window).</summary>
internal static class ReturnKernels
{
    /// <summary>ln(x[t] / x[t-1]); row 0 has no previous value.</summary>
    public static void LogReturn(ReadOnlySpan<double> input, Span<double> output)
    {
        Outputs.WarmUp(output, 1);
        for (var i = 1; i < input.Length; i++)
        {
            output[i] = Math.Log(input[i] / input[i - 1]);
        }
    }

    /// <summary>
    /// Sample standard deviation (divide by N - 1) of the last <paramref name="period"/> log returns, not annualised;
    /// first value at row <paramref name="period"/> (row 0 has no return). Uses Welford's update for a sliding
    /// window and recomputes the window exactly every <paramref name="period"/> rows so rounding cannot drift.
    /// </summary>
    public static void HistoricalVolatility(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var n = input.Length;
        Outputs.WarmUp(output, period);
        if (n <= period)
        {
            return;
        }

        Span<double> window = period <= 256 ? stackalloc double[period] : new double[period];
        var slot = 0;
        var mean = 0.0;
        var m2 = 0.0;
        for (var i = 1; i < n; i++)
        {
            var value = Math.Log(input[i] / input[i - 1]);
            if (i <= period)
            {
                var delta = value - mean;
                mean += delta / i;
                m2 += delta * (value - mean);
            }
            else
            {
                var old = window[slot];
                var newMean = mean + ((value - old) / period);
                m2 += (value - old) * (value - newMean + old - mean);
                mean = newMean;
            }

            window[slot] = value;
            slot++;
            if (slot == period)
            {
                slot = 0;
                (mean, m2) = MeanAndSquaredDeviations(window);
            }

            if (i >= period)
            {
                output[i] = Math.Sqrt(Math.Max(m2, 0.0) / (period - 1));
            }
        }
    }

    private static (double Mean, double SquaredDeviations) MeanAndSquaredDeviations(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var value in values)
        {
            var delta = value - mean;
            squares += delta * delta;
        }

        return (mean, squares);
    }
}
