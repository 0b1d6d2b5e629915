using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>evaluate --walk-forward K --json</c>: every fold (its training and test ranges, the fold whose model it tested,
/// its scores by target as <c>evaluate --json</c> gives them) and the scores of all test blocks pooled.
/// </summary>
internal sealed record WalkForwardSummary(
    string Symbol,
    string Interval,
    string Model,
    string Data,
    string Device,
    int RetrainEvery,
    WalkForwardSettings Settings,
    IReadOnlyList<WalkForwardFoldSummary> Folds,
    WalkForwardPooledSummary Pooled)
{
    public static WalkForwardSummary From(WalkForwardResult result, string candlePath, int retrainEvery)
    {
        ArgumentNullException.ThrowIfNull(result);
        var configuration = result.Configuration;
        var folds = result.Folds.Select(f => new WalkForwardFoldSummary(
            f.Fold.Number,
            f.TrainedBy,
            f.Reused,
            f.TrainFrom,
            f.TrainTo,
            new EvaluateRange(f.Evaluation.Samples.From, f.Evaluation.Samples.To),
            f.Evaluation.Samples.Count,
            EvaluateSummary.TargetsOf(f.Evaluation.Regression.Select(r => r.Comparison), f.Evaluation.Classification))).ToArray();
        return new WalkForwardSummary(
            configuration.Symbol,
            configuration.Interval,
            configuration.Model,
            candlePath,
            result.Device.ToString(),
            retrainEvery,
            new WalkForwardSettings(configuration.Features, configuration.Window, configuration.Horizon, configuration.Epochs, configuration.BatchSize, configuration.LearningRate, configuration.Seed),
            folds,
            new WalkForwardPooledSummary(result.TestSamples, EvaluateSummary.TargetsOf(result.Pooled, result.PooledClassification)));
    }
}

internal sealed record WalkForwardSettings(string Features, int Window, int Horizon, int Epochs, int BatchSize, double Lr, long Seed);

/// <summary>One fold: <see cref="TrainFrom"/>..<see cref="TrainTo"/> are the last input candles of its model's first training and last validation sample.</summary>
internal sealed record WalkForwardFoldSummary(
    int Fold,
    int TrainedBy,
    bool Reused,
    DateTime TrainFrom,
    DateTime TrainTo,
    EvaluateRange Test,
    int Samples,
    IReadOnlyDictionary<string, object> Targets);

internal sealed record WalkForwardPooledSummary(int Samples, IReadOnlyDictionary<string, object> Targets);
