namespace CryptoPredict.Core.Indicators;

/// <summary>
/// Wilder's RSI as TA-Lib computes it: the first value (row <c>period</c>) uses simple averages of the first
/// <c>period</c> changes, later values Wilder's smoothing.
/// </summary>
internal static class RsiKernel
{
    public static void Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var n = input.Length;
        Outputs.WarmUp(output, period);
        if (n <= period)
        {
            return;
        }

        var averageGain = 0.0;
        var averageLoss = 0.0;
        var previous = input[0];
        for (var i = 1; i <= period; i++)
        {
            var change = input[i] - previous;
            previous = input[i];
            if (change < 0)
            {
                averageLoss -= change;
            }
            else
            {
                averageGain += change;
            }
        }

        averageLoss /= period;
        averageGain /= period;
        output[period] = Rsi(averageGain, averageLoss);

        for (var i = period + 1; i < n; i++)
        {
            var change = input[i] - previous;
            previous = input[i];
            averageLoss *= period - 1;
            averageGain *= period - 1;
            if (change < 0)
            {
                averageLoss -= change;
            }
            else
            {
                averageGain += change;
            }

            averageLoss /= period;
            averageGain /= period;
            output[i] = Rsi(averageGain, averageLoss);
        }
    }

    private static double Rsi(double averageGain, double averageLoss)
    {
        var total = averageGain + averageLoss;
        return TaLib.IsZero(total) ? 0.0 : 100.0 * (averageGain / total);
    }
}
