namespace CryptoPredict.Core.Indicators;

/// <summary>
/// TA-Lib's STDDEV: population standard deviation over a rolling window, from running sums as
/// sqrt(E[x^2] - E[x]^2), and 0 where that variance is below TA-Lib's epsilon.
/// </summary>
internal static class StandardDeviationKernel
{
    public static void Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var n = input.Length;
        Outputs.WarmUp(output, period - 1);
        if (n < period)
        {
            return;
        }

        var sum = 0.0;
        var sumOfSquares = 0.0;
        for (var i = 0; i < period - 1; i++)
        {
            sum += input[i];
            sumOfSquares += input[i] * input[i];
        }

        var trailing = 0;
        for (var i = period - 1; i < n; i++)
        {
            var value = input[i];
            sum += value;
            sumOfSquares += value * value;
            var mean = sum / period;
            var meanOfSquares = sumOfSquares / period;
            var old = input[trailing++];
            sum -= old;
            sumOfSquares -= old * old;
            var variance = meanOfSquares - (mean * mean);
            output[i] = TaLib.IsZeroOrNegative(variance) ? 0.0 : Math.Sqrt(variance);
        }
    }

    /// <summary>
    /// Population standard deviation around an already computed SMA, the way TA-Lib's BBANDS does it
    /// (running sum of squares only, the mean taken from <paramref name="mean"/>).
    /// </summary>
    public static void AroundMean(ReadOnlySpan<double> input, ReadOnlySpan<double> mean, int period, Span<double> output)
    {
        var n = input.Length;
        Outputs.WarmUp(output, period - 1);
        if (n < period)
        {
            return;
        }

        var sumOfSquares = 0.0;
        for (var i = 0; i < period - 1; i++)
        {
            sumOfSquares += input[i] * input[i];
        }

        var trailing = 0;
        for (var i = period - 1; i < n; i++)
        {
            sumOfSquares += input[i] * input[i];
            var meanOfSquares = sumOfSquares / period;
            var old = input[trailing++];
            sumOfSquares -= old * old;
            var variance = meanOfSquares - (mean[i] * mean[i]);
            output[i] = TaLib.IsZeroOrNegative(variance) ? 0.0 : Math.Sqrt(variance);
        }
    }
}
