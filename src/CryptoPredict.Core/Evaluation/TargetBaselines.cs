namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// One regression target's baselines beside persistence (<see cref="RegressionBaselines.For"/>), what its forecasts are
/// judged on beside their errors, and persistence's MAE on the validation part (NaN when the candles hold none).
/// </summary>
public sealed record TargetBaselines(IReadOnlyList<BaselineForecast> Forecasts, DirectionMeasure Direction, double PersistenceValidationMae);
