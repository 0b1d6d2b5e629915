namespace CryptoPredict.Core.Indicators;

/// <summary>TA-Lib's ROC: 100 * (value / value <c>period</c> rows back - 1), 0 when the old value is 0.</summary>
internal static class RocKernel
{
    public static void Compute(ReadOnlySpan<double> input, int period, Span<double> output)
    {
        var n = input.Length;
        Outputs.WarmUp(output, period);
        for (var i = period; i < n; i++)
        {
            var old = input[i - period];
            output[i] = old != 0.0 ? ((input[i] / old) - 1.0) * 100.0 : 0.0;
        }
    }
}
