namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// model.json's optional <c>test_metrics</c>: the published weights scored on the test part of the training split
/// when training ended, each target next to its naive baseline, as <c>evaluate</c> scores them
/// (<see cref="Evaluation.TestMetricsSummary"/>). <see cref="From"/> and <see cref="To"/> are the open times of the
/// last input candle of the first and last sample scored.
/// </summary>
public sealed record TestMetrics(int Samples, DateTime From, DateTime To, IReadOnlyList<TargetTestMetrics> Targets);
