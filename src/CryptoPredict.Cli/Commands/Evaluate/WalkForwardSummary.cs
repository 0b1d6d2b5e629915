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
    WalkForwardTradingSettings Trading,
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
            EvaluateSummary.TargetsOf(f.Evaluation.Regression.Select(r => r.Comparison), f.Evaluation.Classification),
            new WalkForwardBacktest(
                MetricsSummary.From(f.Trading.Strategy.Metrics),
                MetricsSummary.From(f.Trading.BuyAndHold.Metrics),
                null,
                BacktestSummary.Finite(f.Trading.PValue),
                f.Trading.Forecasts.Count))).ToArray();
        var pooledTrading = result.PooledTrading;
        return new WalkForwardSummary(
            configuration.Symbol,
            configuration.Interval,
            configuration.Model,
            candlePath,
            result.Device.ToString(),
            retrainEvery,
            new WalkForwardSettings(configuration.Features, configuration.Window, configuration.Horizon, configuration.Epochs, configuration.BatchSize, configuration.LearningRate, configuration.Seed),
            new WalkForwardTradingSettings(result.Folds[0].Trading.Rule.Description, result.Folds[0].Trading.Costs.FeeBps, result.Folds[0].Trading.Costs.SlippageBps),
            folds,
            new WalkForwardPooledSummary(
                result.TestSamples,
                EvaluateSummary.TargetsOf(result.Pooled, result.PooledClassification),
                new WalkForwardBacktest(
                    MetricsSummary.From(pooledTrading.Strategy.Metrics),
                    MetricsSummary.From(pooledTrading.BuyAndHold.Metrics),
                    MetricsSummary.From(pooledTrading.Flat.Metrics),
                    null,
                    pooledTrading.Candles)));
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
    IReadOnlyDictionary<string, object> Targets,
    WalkForwardBacktest Backtest);

internal sealed record WalkForwardPooledSummary(int Samples, IReadOnlyDictionary<string, object> Targets, WalkForwardBacktest Backtest);

internal sealed record WalkForwardTradingSettings(string Rule, double FeeBps, double SlippageBps);

/// <summary>A fold's (or the pooled folds') trading, with <c>backtest --json</c>'s metric keys; <see cref="Flat"/> only pooled, <see cref="PValue"/> only per fold.</summary>
internal sealed record WalkForwardBacktest(
    MetricsSummary Strategy,
    MetricsSummary BuyAndHold,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] MetricsSummary? Flat,
    double? PValue,
    int Candles);
