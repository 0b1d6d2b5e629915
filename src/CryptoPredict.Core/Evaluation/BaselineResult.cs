namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// A baseline forecast (persistence, EWMA, HAR-RV, GARCH, the median excursion), scored like the model.
/// </summary>
/// <param name="Name">Short name shown in reports, e.g. <c>ewma_0.94</c>.</param>
/// <param name="Metrics">Its metrics, with the same reference as the model's for directional accuracy.</param>
/// <param name="TheilU">RMSE(baseline) / RMSE(persistence), see <see cref="RegressionMetrics.TheilU"/>.</param>
public sealed record BaselineResult(string Name, RegressionMetrics Metrics, double TheilU)
{
    public const string PersistenceName = "persistence";

    /// <summary>Its MAE on the bundle's validation part (see <see cref="BaselineForecast.ValidationMae"/>); NaN when unknown.</summary>
    public double ValidationMae { get; init; } = double.NaN;
}
