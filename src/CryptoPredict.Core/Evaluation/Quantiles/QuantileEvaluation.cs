namespace CryptoPredict.Core.Evaluation.Quantiles;

/// <summary>
/// One regression target's quantile forecasts scored on the evaluated samples, in the units users read (prices for
/// price targets), next to the empirical-quantile baseline (<see cref="QuantileBaseline"/>); the baseline's values are
/// NaN when no training sample could be read.
/// </summary>
/// <param name="Target">The target's name, e.g. <c>close_h1</c>.</param>
/// <param name="Baseline">What the baseline is, in one line.</param>
/// <param name="BaselineSamples">Training samples the baseline's quantiles were taken from.</param>
public sealed record QuantileEvaluation(
    string Target,
    string Baseline,
    int BaselineSamples,
    IReadOnlyList<QuantileLevelScore> Levels,
    IReadOnlyList<CentralIntervalScore> Intervals);

/// <summary>Mean pinball loss at one level, the model's and the baseline's.</summary>
public sealed record QuantileLevelScore(double Level, double Pinball, double BaselinePinball);

/// <summary>
/// A central interval between levels <paramref name="Lower"/> and <paramref name="Upper"/> = 1 − lower: how often the
/// actual fell inside (nominal: upper − lower) and how wide it was on average, the model's and the baseline's.
/// </summary>
public sealed record CentralIntervalScore(
    double Lower, double Upper, double Nominal, double Coverage, double MeanWidth, double BaselineCoverage, double BaselineMeanWidth);
