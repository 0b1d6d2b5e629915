namespace CryptoPredict.Core.Indicators;

/// <summary>
/// TA-Lib's MACD. Not simply EMA(fast) - EMA(slow): both EMAs start at the slow EMA's first row, the fast one
/// seeded with the SMA of the <c>fast</c> values ending there. The signal EMA is seeded with the SMA of the
/// first <c>signal</c> MACD values, and all three outputs start where the signal does.
/// </summary>
internal static class MacdKernel
{
    public static void Compute(
        ReadOnlySpan<double> input,
        int fast,
        int slow,
        int signal,
        Span<double> macd,
        Span<double> signalLine,
        Span<double> histogram)
    {
        var n = input.Length;
        var lineStart = slow - 1;
        var firstRow = lineStart + signal - 1;
        if (n <= firstRow)
        {
            Outputs.WarmUp(macd, n);
            Outputs.WarmUp(signalLine, n);
            Outputs.WarmUp(histogram, n);
            return;
        }

        // The fast EMA goes into the histogram buffer as scratch; it is overwritten below.
        MovingAverageKernels.EmaFrom(input, slow, lineStart, macd);
        MovingAverageKernels.EmaFrom(input, fast, lineStart, histogram);
        for (var i = lineStart; i < n; i++)
        {
            macd[i] = histogram[i] - macd[i];
        }

        MovingAverageKernels.EmaFrom(macd[lineStart..], signal, signal - 1, signalLine[lineStart..]);
        Outputs.WarmUp(signalLine, firstRow);
        Outputs.WarmUp(macd, firstRow);
        Outputs.WarmUp(histogram, firstRow);
        for (var i = firstRow; i < n; i++)
        {
            histogram[i] = macd[i] - signalLine[i];
        }
    }
}
