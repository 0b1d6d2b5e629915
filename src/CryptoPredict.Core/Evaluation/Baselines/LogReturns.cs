namespace CryptoPredict.Core.Evaluation.Baselines;

/// <summary>The log returns r_k = ln(close_k / close_{k-1}) the volatility baselines share; r_0 is NaN (no previous close).</summary>
internal static class LogReturns
{
    public static double[] Of(ReadOnlySpan<double> closes)
    {
        var returns = new double[closes.Length];
        if (returns.Length > 0)
        {
            returns[0] = double.NaN;
        }

        for (var k = 1; k < closes.Length; k++)
        {
            if (!(closes[k] > 0) || !(closes[k - 1] > 0) || !double.IsFinite(closes[k]) || !double.IsFinite(closes[k - 1]))
            {
                throw new ArgumentException($"closes[{k - 1}] = {closes[k - 1]}, closes[{k}] = {closes[k]}; log returns need positive finite closes.", nameof(closes));
            }

            returns[k] = Math.Log(closes[k] / closes[k - 1]);
        }

        return returns;
    }
}
