using System.Globalization;
using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Cli.Commands;

/// <summary>The report model of a backtest: its title and the settings rows above the metrics.</summary>
internal static class BacktestReports
{
    public static BacktestReport Build(BacktestResult result, BacktestSettings settings, SweepChoice? choice)
    {
        var forecasts = result.Forecasts;
        var details = new List<ReportField>
        {
            new("Data", settings.Data),
            new("Traded", Invariant($"{PartText(settings.Part)}: {forecasts.Count} candles, {Time(forecasts.Times[0])} to {Time(forecasts.Times[^1])} UTC ({forecasts.WithoutForecast} without a forecast, flat)")),
            new("Rule", settings.Rule),
            new("Costs", Invariant($"fee {settings.FeeBps} bps + slippage {settings.SlippageBps} bps per unit of position changed")),
            new("Annualisation", Invariant($"{settings.PeriodsPerYear} candles a year (365 days, 24/7)")),
        };
        if (choice is not null)
        {
            details.Add(new ReportField("Threshold chosen", Invariant($"{choice.Chosen.Threshold} by Sharpe on {choice.Candles} validation candles (sweep {choice.Sweep})")));
        }

        return new BacktestReport($"{settings.Model} on {settings.Symbol} {settings.Interval}: backtest", details, result, choice);
    }

    public static string PartText(string part) =>
        part == BacktestPart.Test.Name ? BacktestPart.Test.Description : part == BacktestPart.All.Name ? BacktestPart.All.Description : BacktestPart.Validation.Description;

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
