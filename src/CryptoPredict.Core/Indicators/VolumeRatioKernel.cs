namespace CryptoPredict.Core.Indicators;

/// <summary>Value divided by its simple moving average over <c>period</c> rows (the window includes the current row).</summary>
internal static class VolumeRatioKernel
{
    public static void Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        MovingAverageKernels.Sma(input, period, output);
        for (var i = period - 1; i < input.Length; i++)
        {
            // A window without any volume has no meaningful average; the current volume is 0 too, so report 0.
            var mean = output[i];
            output[i] = mean > 0 ? input[i] / mean : 0.0;
        }
    }
}
