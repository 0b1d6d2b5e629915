using System.Globalization;
using CryptoPredict.Core.Backtesting;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>backtest</c> without <c>--json</c>: what was traded and how, then the metrics beside buy-and-hold and always-flat.</summary>
internal static class BacktestTable
{
    public static void Write(TextWriter output, BacktestResult result, BacktestSettings settings, SweepChoice? choice, string? equity, string? report)
    {
        var console = CliConsole.Create(output);
        var forecasts = result.Forecasts;
        var header = new Table().AddColumn("backtest").AddColumn("");
        header.AddRow("model", Markup.Escape($"{settings.Model} ({settings.Symbol} {settings.Interval})"));
        header.AddRow("data", Markup.Escape(settings.Data));
        header.AddRow("traded", Markup.Escape(Invariant($"{BacktestReports.PartText(settings.Part)}: {forecasts.Count} candles, {Time(forecasts.Times[0])} .. {Time(forecasts.Times[^1])} UTC")));
        if (forecasts.WithoutForecast > 0)
        {
            header.AddRow("no forecast", Invariant($"{forecasts.WithoutForecast} candles (flat)"));
        }

        header.AddRow("rule", Markup.Escape(settings.Rule));
        if (choice is not null)
        {
            header.AddRow("sweep", Markup.Escape(Invariant($"{choice.Sweep}: threshold {choice.Chosen.Threshold} chosen on {choice.Candles} validation candles (Sharpe {Number(choice.Chosen.Metrics.Sharpe)} there)")));
        }

        header.AddRow("costs", Invariant($"fee {settings.FeeBps} bps + slippage {settings.SlippageBps} bps per unit changed"));
        var pValue = double.IsFinite(result.PValue) ? Number(result.PValue)
            : result.Strategy.Metrics.Exposure == 0 ? "n/a (never in the market: no Sharpe to test)" : "n/a (the strategy's returns never vary: no Sharpe to test)";
        header.AddRow("p-value", Invariant($"{pValue}; Sharpe against {result.RandomTest.Strategies} random-sign strategies of the same exposure, seed {result.RandomTest.Seed}"));
        if (equity is not null)
        {
            header.AddRow("equity", Markup.Escape(equity));
        }

        if (report is not null)
        {
            header.AddRow("report", Markup.Escape(report));
        }

        console.Write(header);
        var table = new Table().AddColumn(new TableColumn("metric").NoWrap()).AddColumn("strategy").AddColumn("buy & hold").AddColumn("flat");
        (string Name, Func<PerformanceMetrics, string> Value)[] rows =
        [
            ("total return", m => Percent(m.TotalReturn)),
            ("CAGR", m => Percent(m.Cagr)),
            ("Sharpe", m => Number(m.Sharpe)),
            ("Sortino", m => Number(m.Sortino)),
            ("max drawdown", m => Percent(m.MaxDrawdown)),
            ("Calmar", m => Number(m.Calmar)),
            ("hit rate", m => Percent(m.HitRate)),
            ("trades", m => m.Trades.ToString(CultureInfo.InvariantCulture)),
            ("turnover", m => Number(m.Turnover)),
            ("exposure", m => Percent(m.Exposure)),
        ];
        foreach (var (name, value) in rows)
        {
            table.AddRow(name, value(result.Strategy.Metrics), value(result.BuyAndHold.Metrics), value(result.Flat.Metrics));
        }

        console.Write(table);
    }

    private static string Percent(double value) =>
        double.IsFinite(value) ? (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>Four significant digits (one decimal from 1,000 up), as evaluate's table.</summary>
    private static string Number(double value) =>
        !double.IsFinite(value) ? "n/a"
        : Math.Abs(value) >= 1000 ? value.ToString("#,0.0", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
