namespace CryptoPredict.Core.Indicators;

/// <summary>Allocation helpers: outputs are written in full by the kernels, so zeroing them first is wasted work.</summary>
internal static class Outputs
{
    public static double[] New(int length) => GC.AllocateUninitializedArray<double>(length);

    /// <summary>Marks the warm-up rows <c>[0, count)</c> (clamped to the output) as "no value yet".</summary>
    public static void WarmUp(Span<double> output, int count) =>
        output[..Math.Min(count, output.Length)].Fill(double.NaN);
}
