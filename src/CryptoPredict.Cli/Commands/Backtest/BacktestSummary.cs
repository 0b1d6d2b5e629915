using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Backtesting;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>backtest --json</c>: the strategy's metrics beside buy-and-hold's and always-flat's over the same candles, the
/// p-value of its Sharpe, the candles traded (<see cref="Period"/>: open times of the first and last) and the settings.
/// Undefined figures are null.
/// </summary>
internal sealed record BacktestSummary(
    MetricsSummary Strategy,
    MetricsSummary BuyAndHold,
    MetricsSummary Flat,
    double? PValue,
    int Candles,
    int CandlesWithoutForecast,
    BacktestPeriod Period,
    BacktestSettings Settings,
    string? Equity,
    string? Report)
{
    public static BacktestSummary From(BacktestResult result, BacktestSettings settings, string? equity, string? report)
    {
        ArgumentNullException.ThrowIfNull(result);
        var forecasts = result.Forecasts;
        return new BacktestSummary(
            MetricsSummary.From(result.Strategy.Metrics),
            MetricsSummary.From(result.BuyAndHold.Metrics),
            MetricsSummary.From(result.Flat.Metrics),
            Finite(result.PValue),
            forecasts.Count,
            forecasts.WithoutForecast,
            new BacktestPeriod(forecasts.Times[0], forecasts.Times[^1]),
            settings,
            equity,
            report);
    }

    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

internal sealed record BacktestPeriod(DateTime From, DateTime To);

internal sealed record MetricsSummary(
    double? TotalReturn,
    double? Cagr,
    double? Sharpe,
    double? Sortino,
    double? MaxDrawdown,
    double? Calmar,
    double? HitRate,
    int Trades,
    double Turnover,
    double Exposure)
{
    public static MetricsSummary From(PerformanceMetrics m) => new(
        BacktestSummary.Finite(m.TotalReturn),
        BacktestSummary.Finite(m.Cagr),
        BacktestSummary.Finite(m.Sharpe),
        BacktestSummary.Finite(m.Sortino),
        BacktestSummary.Finite(m.MaxDrawdown),
        BacktestSummary.Finite(m.Calmar),
        BacktestSummary.Finite(m.HitRate),
        m.Trades,
        m.Turnover,
        m.Exposure);
}

/// <summary>How the backtest was run: what was traded, the rule, the costs, the annualisation and the random test.</summary>
internal sealed record BacktestSettings(
    string Symbol,
    string Interval,
    string Model,
    string Kind,
    string Data,
    string Part,
    string Rule,
    double? Threshold,
    bool LongOnly,
    double? VolTarget,
    double? MaxPosition,
    double FeeBps,
    double SlippageBps,
    double CostPerUnitTurnover,
    double PeriodsPerYear,
    int RandomStrategies,
    long Seed,
    SweepSummary? Sweep)
{
    public static BacktestSettings From(
        BacktestRequest request, ModelDescription description, string candlePath, BacktestPart part, BacktestResult result, SweepChoice? choice, string validationPath)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(result);
        var volatility = result.Rule as VolatilityTargetRule;
        return new BacktestSettings(
            description.Symbol,
            description.Interval,
            description.Architecture.Name,
            result.Forecasts.Kind.ToString().ToLowerInvariant(),
            candlePath,
            part.Name,
            result.Rule.Description,
            (result.Rule as ThresholdRule)?.Threshold,
            request.LongOnly,
            volatility?.AnnualTarget,
            volatility?.MaxPosition,
            result.Costs.FeeBps,
            result.Costs.SlippageBps,
            result.Costs.PerUnitTurnover,
            result.Forecasts.PeriodsPerYear,
            result.RandomTest.Strategies,
            result.RandomTest.Seed,
            choice is null ? null : SweepSummary.From(choice, validationPath));
    }
}

/// <summary>The sweep: the thresholds tried, the one chosen, and each one's figures on the validation part.</summary>
internal sealed record SweepSummary(
    string Thresholds,
    double ChosenThreshold,
    double? ValidationSharpe,
    string ValidationData,
    BacktestPeriod ValidationPeriod,
    int ValidationCandles,
    IReadOnlyList<SweepCandidateSummary> Candidates)
{
    public static SweepSummary From(SweepChoice choice, string validationPath) => new(
        choice.Sweep.ToString(),
        choice.Chosen.Threshold,
        BacktestSummary.Finite(choice.Chosen.Metrics.Sharpe),
        validationPath,
        new BacktestPeriod(choice.From, choice.To),
        choice.Candles,
        choice.Candidates.Select(c => new SweepCandidateSummary(c.Threshold, BacktestSummary.Finite(c.Metrics.Sharpe), BacktestSummary.Finite(c.Metrics.TotalReturn), c.Metrics.Trades)).ToArray());
}

internal sealed record SweepCandidateSummary(double Threshold, double? Sharpe, double? TotalReturn, int Trades);
