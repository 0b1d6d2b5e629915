using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Evaluation;

/// <summary>One fold's test: the model that was run (trained for this fold, or an earlier fold's under <c>--retrain-every</c>) and its scores.</summary>
/// <param name="Fold">The fold's layout.</param>
/// <param name="TrainedBy">The fold whose model was tested here.</param>
/// <param name="Reused">True when that model was trained by an earlier invocation (same candles and settings) and loaded, not trained again.</param>
/// <param name="TrainFrom">Open time of the last input candle of the model's first training sample.</param>
/// <param name="TrainTo">Open time of the last input candle of the model's last validation sample.</param>
/// <param name="Evaluation">The model and the baselines on the fold's test block.</param>
/// <param name="ModelDirectory">The fold model's bundle folder.</param>
/// <param name="Trading">The fold's forecasts traded on the candles after its test samples, beside buy-and-hold and flat.</param>
public sealed record WalkForwardFoldResult(
    WalkForwardFold Fold,
    int TrainedBy,
    bool Reused,
    DateTime TrainFrom,
    DateTime TrainTo,
    EvaluationResult Evaluation,
    string ModelDirectory,
    Backtesting.BacktestResult Trading);

/// <summary>Every fold's scores and the pooled ones (all test blocks as one sample), against the same baselines.</summary>
public sealed record WalkForwardResult(
    WalkForwardPlan Plan,
    TrainingConfiguration Configuration,
    IReadOnlyList<WalkForwardFoldResult> Folds,
    IReadOnlyList<RegressionComparison> Pooled,
    ClassificationSection? PooledClassification,
    WalkForwardTradingResult PooledTrading,
    Device Device)
{
    /// <summary>Test samples over all folds.</summary>
    public int TestSamples => Folds.Sum(f => f.Evaluation.Samples.Count);
}
