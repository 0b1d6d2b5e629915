namespace CryptoPredict.Core.Indicators;

/// <summary>
/// SMA, EMA and WMA over a span, in TA-Lib's operation order (running sums, EMA seeded with an SMA), so the
/// results match TA-Lib to the last bit or close to it.
/// </summary>
internal static class MovingAverageKernels
{
    /// <summary>Simple moving average; first value at row <c>period - 1</c>.</summary>
    public static void Sma(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var n = input.Length;
        Outputs.WarmUp(output, period - 1);
        if (n < period)
        {
            return;
        }

        var total = 0.0;
        for (var i = 0; i < period - 1; i++)
        {
            total += input[i];
        }

        var trailing = 0;
        for (var i = period - 1; i < n; i++)
        {
            total += input[i];
            var sum = total;
            total -= input[trailing++];
            output[i] = sum / period;
        }
    }

    /// <summary>EMA with TA-Lib's seeding: the SMA of the first <c>period</c> values is the value at row <c>period - 1</c>.</summary>
    public static void Ema(ReadOnlySpan<double> input, int period, Span<double> output) =>
        EmaFrom(input, period, period - 1, output);

    /// <summary>
    /// EMA whose first value is at row <paramref name="firstRow"/>, seeded with the SMA of the <paramref name="period"/>
    /// values ending there. TA-Lib's MACD starts both of its EMAs at the slow EMA's first row this way.
    /// </summary>
    public static void EmaFrom(ReadOnlySpan<double> input, int period, int firstRow, Span<double> output)
    {
        var n = input.Length;
        Outputs.WarmUp(output, firstRow);
        if (n <= firstRow)
        {
            return;
        }

        var k = 2.0 / (period + 1);
        var seed = 0.0;
        for (var i = firstRow - period + 1; i <= firstRow; i++)
        {
            seed += input[i];
        }

        var ema = seed / period;
        output[firstRow] = ema;
        for (var i = firstRow + 1; i < n; i++)
        {
            ema = ((input[i] - ema) * k) + ema;
            output[i] = ema;
        }
    }

    /// <summary>Linearly weighted moving average (weights 1..period, newest heaviest); first value at row <c>period - 1</c>.</summary>
    public static void Wma(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var n = input.Length;
        Outputs.WarmUp(output, period - 1);
        if (n < period)
        {
            return;
        }

        // Weighted sum updated in O(1): adding the newest value with weight `period` and subtracting the plain
        // window sum shifts every other weight down by one (TA-Lib's scheme).
        var divider = period * (period + 1) / 2.0;
        var plainSum = 0.0;
        var weightedSum = 0.0;
        for (var i = 0; i < period - 1; i++)
        {
            plainSum += input[i];
            weightedSum += input[i] * (i + 1);
        }

        var trailingValue = 0.0;
        var trailing = 0;
        for (var i = period - 1; i < n; i++)
        {
            var value = input[i];
            plainSum += value;
            plainSum -= trailingValue;
            weightedSum += value * period;
            trailingValue = input[trailing++];
            output[i] = weightedSum / divider;
            weightedSum -= plainSum;
        }
    }
}
