namespace CryptoPredict.Core.Indicators;

/// <summary>TA-Lib's BBANDS with an SMA middle band and population standard deviation, plus width and %B.</summary>
internal static class BollingerBandsKernel
{
    public static void Compute(
        ReadOnlySpan<double> input,
        int period,
        double deviations,
        Span<double> upper,
        Span<double> middle,
        Span<double> lower,
        Span<double> width,
        Span<double> percentB)
    {
        var n = input.Length;
        MovingAverageKernels.Sma(input, period, middle);

        // The lower band's buffer holds the standard deviation until it is overwritten row by row.
        StandardDeviationKernel.AroundMean(input, middle, period, lower);
        Outputs.WarmUp(upper, period - 1);
        Outputs.WarmUp(width, period - 1);
        Outputs.WarmUp(percentB, period - 1);
        for (var i = period - 1; i < n; i++)
        {
            var mid = middle[i];
            var offset = lower[i] * deviations;
            var up = mid + offset;
            var low = mid - offset;
            upper[i] = up;
            lower[i] = low;

            // Prices are positive, so a zero middle band only arises on derived inputs; 0 keeps NaN meaning "warm-up".
            width[i] = mid == 0 ? 0.0 : (up - low) / mid;
            var range = up - low;
            percentB[i] = range == 0 ? 0.5 : (input[i] - low) / range;
        }
    }
}
