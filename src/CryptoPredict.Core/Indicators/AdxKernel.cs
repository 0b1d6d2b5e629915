namespace CryptoPredict.Core.Indicators;

/// <summary>
/// TA-Lib's ADX (its own Wilder variant). The +DM, -DM and TR sums start with rows 1..period-1; from row
/// <c>period</c> on each becomes sum - sum/period + x. The DX values of rows period..2*period-1 are averaged for the
/// first ADX (row 2*period - 1), then adx = (previous * (period - 1) + dx) / period. A DX is skipped when the
/// true-range sum or the DI sum is zero (by TA-Lib's epsilon).
/// </summary>
internal static class AdxKernel
{
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        var n = close.Length;
        var firstRow = (2 * period) - 1;
        Outputs.WarmUp(output, firstRow);
        if (n <= firstRow)
        {
            return;
        }

        var plusDm = 0.0;
        var minusDm = 0.0;
        var trueRange = 0.0;
        for (var i = 1; i < period; i++)
        {
            AddMovement(high, low, i, ref plusDm, ref minusDm);
            trueRange += TaLib.TrueRange(high[i], low[i], close[i - 1]);
        }

        var sumDx = 0.0;
        for (var i = period; i <= firstRow; i++)
        {
            Smooth(high, low, close, i, period, ref plusDm, ref minusDm, ref trueRange);
            if (TryDx(plusDm, minusDm, trueRange, out var dx))
            {
                sumDx += dx;
            }
        }

        var adx = sumDx / period;
        output[firstRow] = adx;
        for (var i = firstRow + 1; i < n; i++)
        {
            Smooth(high, low, close, i, period, ref plusDm, ref minusDm, ref trueRange);
            if (TryDx(plusDm, minusDm, trueRange, out var dx))
            {
                adx = ((adx * (period - 1)) + dx) / period;
            }

            output[i] = adx;
        }
    }

    private static void Smooth(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        int i,
        int period,
        ref double plusDm,
        ref double minusDm,
        ref double trueRange)
    {
        minusDm -= minusDm / period;
        plusDm -= plusDm / period;
        AddMovement(high, low, i, ref plusDm, ref minusDm);
        trueRange = trueRange - (trueRange / period) + TaLib.TrueRange(high[i], low[i], close[i - 1]);
    }

    /// <summary>Directional movement of row i: only the larger of the up and down moves counts, if positive.</summary>
    private static void AddMovement(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int i, ref double plusDm, ref double minusDm)
    {
        var up = high[i] - high[i - 1];
        var down = low[i - 1] - low[i];
        if (down > 0 && up < down)
        {
            minusDm += down;
        }
        else if (up > 0 && up > down)
        {
            plusDm += up;
        }
    }

    private static bool TryDx(double plusDm, double minusDm, double trueRange, out double dx)
    {
        dx = 0;
        if (TaLib.IsZero(trueRange))
        {
            return false;
        }

        var minusDi = 100.0 * (minusDm / trueRange);
        var plusDi = 100.0 * (plusDm / trueRange);
        var diSum = minusDi + plusDi;
        if (TaLib.IsZero(diSum))
        {
            return false;
        }

        dx = 100.0 * (Math.Abs(minusDi - plusDi) / diSum);
        return true;
    }
}
