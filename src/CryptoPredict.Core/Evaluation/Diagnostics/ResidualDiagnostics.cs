namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// How one target's errors behave on the scored samples, in the units that show them: for a price target the
/// forecast and the outcome as log returns against the last close (price levels hide every error behind the trend),
/// for a volatility target the volatility itself. Residual = actual - predicted, in sample order; their
/// autocorrelation up to <see cref="MaxLag"/> and the Ljung-Box test say whether the errors are white noise. With a
/// horizon h above 1 neighbouring forecasts overlap, so correlation up to lag h - 1 is expected even of a good model.
/// </summary>
/// <param name="Target">Target name, e.g. <c>close_t+1</c>.</param>
/// <param name="Unit">What <paramref name="Predicted"/>, <paramref name="Actual"/> and the residuals are in.</param>
/// <param name="Times">The times forecast for, one per sample.</param>
/// <param name="Predicted">The forecasts, in <paramref name="Unit"/>.</param>
/// <param name="Actual">The outcomes, in <paramref name="Unit"/>.</param>
/// <param name="Residuals">Actual - predicted.</param>
/// <param name="Autocorrelations">r_1..r_L of the residuals (index 0 is lag 1); empty with fewer than 3 samples.</param>
/// <param name="Band">1.96 / √n: autocorrelations inside ±band are consistent with white noise at 5% each.</param>
/// <param name="Test">The Ljung-Box test up to the last lag; null with fewer than 3 samples.</param>
public sealed record ResidualDiagnostics(
    string Target,
    string Unit,
    IReadOnlyList<DateTime> Times,
    IReadOnlyList<double> Predicted,
    IReadOnlyList<double> Actual,
    IReadOnlyList<double> Residuals,
    IReadOnlyList<double> Autocorrelations,
    double Band,
    LjungBox? Test)
{
    /// <summary>The lags tested (fewer when there are not that many samples).</summary>
    public const int MaxLag = 20;

    public const string LogReturnUnit = "log return";

    public double Mean => Residuals.Count > 0 ? Residuals.Average() : double.NaN;

    public double StandardDeviation
    {
        get
        {
            if (Residuals.Count < 2)
            {
                return double.NaN;
            }

            var mean = Mean;
            return Math.Sqrt(Residuals.Sum(r => (r - mean) * (r - mean)) / (Residuals.Count - 1));
        }
    }

    /// <summary>The diagnostics of <paramref name="target"/>; a price target's values are turned into log returns against its reference (the last close).</summary>
    public static ResidualDiagnostics Of(TargetEvaluation target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var n = target.Actual.Count;
        var predicted = new double[n];
        var actual = new double[n];
        for (var i = 0; i < n; i++)
        {
            predicted[i] = target.IsPrice ? Math.Log(target.Predicted[i] / target.Reference[i]) : target.Predicted[i];
            actual[i] = target.IsPrice ? Math.Log(target.Actual[i] / target.Reference[i]) : target.Actual[i];
        }

        var residuals = actual.Zip(predicted, (a, p) => a - p).ToArray();
        var unit = target.IsPrice ? LogReturnUnit : target.Comparison.Target;
        if (n < 3)
        {
            return new ResidualDiagnostics(target.Comparison.Target, unit, target.Times, predicted, actual, residuals, [], double.NaN, null);
        }

        var lags = Math.Min(MaxLag, n - 1);
        var correlations = Autocorrelation.Of(residuals, lags);
        return new ResidualDiagnostics(
            target.Comparison.Target, unit, target.Times, predicted, actual, residuals, correlations, 1.96 / Math.Sqrt(n), LjungBox.FromAutocorrelations(correlations, n));
    }
}
