using CryptoPredict.Core.Portfolio;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>portfolio --json</c>, shaped like <c>backtest --json</c>: the strategy's metrics beside equal weight's and
/// buy-and-hold's over the same candles (<see cref="MetricsSummary"/>, undefined figures null), the mean weight of
/// each symbol, the candles traded (<see cref="Period"/>: open times of the first and last), the rebalances and the settings.
/// </summary>
internal sealed record PortfolioSummary(
    MetricsSummary Strategy,
    MetricsSummary EqualWeight,
    MetricsSummary BuyAndHold,
    IReadOnlyList<SymbolWeight> Weights,
    double MeanCash,
    int Candles,
    int Rebalances,
    double MeanShrinkage,
    BacktestPeriod Period,
    IReadOnlyList<string> Notes,
    PortfolioSettingsSummary Settings)
{
    public static PortfolioSummary From(PortfolioResult result, string model, IReadOnlyList<string> data, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(result);
        var market = result.Market;
        var mean = result.Strategy.Curve.MeanWeights();
        var targets = result.Rebalances.Select(r => r.Weights).ToArray();
        var weights = market.Symbols.Select((s, i) => new SymbolWeight(s, mean[i], targets.Average(w => w[i]), targets.Max(w => w[i]))).ToArray();
        return new PortfolioSummary(
            MetricsSummary.From(result.Strategy.Metrics),
            MetricsSummary.From(result.EqualWeight.Metrics),
            MetricsSummary.From(result.BuyAndHold.Metrics),
            weights,
            1 - mean.Sum(),
            market.Count,
            result.Rebalances.Count,
            result.Rebalances.Average(r => r.Shrinkage),
            new BacktestPeriod(market.Times[market.FirstTraded], market.Times[market.LastTraded]),
            notes,
            PortfolioSettingsSummary.From(result, model, data));
    }
}

/// <summary>One symbol's weight: mean held over the candles (drift included), mean and largest at the rebalances.</summary>
internal sealed record SymbolWeight(string Symbol, double Mean, double MeanTarget, double MaxTarget);

/// <summary>How the portfolio was built and traded, with the conventions that are not options spelled out.</summary>
internal sealed record PortfolioSettingsSummary(
    IReadOnlyList<string> Symbols,
    string Interval,
    string Model,
    IReadOnlyList<string> Data,
    string Part,
    double MaxWeight,
    double RiskAversion,
    int RebalanceEvery,
    int Lookback,
    string Covariance,
    string Budget,
    string EqualWeight,
    string BuyAndHold,
    double FeeBps,
    double SlippageBps,
    double CostPerUnitTurnover,
    double PeriodsPerYear)
{
    public static PortfolioSettingsSummary From(PortfolioResult result, string model, IReadOnlyList<string> data)
    {
        var settings = result.Settings;
        var market = result.Market;
        return new PortfolioSettingsSummary(
            market.Symbols,
            market.Interval.ToString(),
            model,
            data,
            "test",
            settings.MaxWeight,
            settings.RiskAversion,
            settings.RebalanceEvery,
            settings.Lookback,
            "ledoit-wolf, shrunk toward the scaled identity",
            "long only, sum of weights <= 1, the rest in cash",
            "1/n each, rebalanced on the same schedule",
            market.Symbols[0],
            settings.Costs.FeeBps,
            settings.Costs.SlippageBps,
            settings.Costs.PerUnitTurnover,
            market.PeriodsPerYear);
    }
}
