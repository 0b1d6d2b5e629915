using System.Globalization;
using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Portfolio;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>portfolio</c> without <c>--json</c>: what was traded and how, the metrics beside equal weight and buy-and-hold, then the weights.</summary>
internal static class PortfolioTable
{
    public static void Write(TextWriter output, PortfolioResult result, PortfolioSummary summary)
    {
        var console = CliConsole.Create(output);
        var settings = summary.Settings;
        var header = new Table().AddColumn("portfolio").AddColumn("");
        header.AddRow("model", Markup.Escape($"{settings.Model} ({string.Join(", ", settings.Symbols)} {settings.Interval})"));
        header.AddRow("traded", Markup.Escape(Invariant($"test part common to all symbols: {summary.Candles} candles, {Time(summary.Period.From)} .. {Time(summary.Period.To)} UTC")));
        foreach (var note in summary.Notes)
        {
            header.AddRow("note", Markup.Escape(note));
        }

        header.AddRow("weights", Markup.Escape(Invariant($"max mu'w - ({settings.RiskAversion}/2) w'Σw, 0 <= w <= {settings.MaxWeight}, sum <= 1 (rest cash)")));
        header.AddRow("rebalance", Invariant($"every {settings.RebalanceEvery} candles ({summary.Rebalances} times); covariance of the last {settings.Lookback} returns, Ledoit-Wolf (mean shrinkage {summary.MeanShrinkage:0.###})"));
        header.AddRow("costs", Invariant($"fee {settings.FeeBps} bps + slippage {settings.SlippageBps} bps per unit of weight traded"));
        console.Write(header);

        var table = new Table().AddColumn(new TableColumn("metric").NoWrap()).AddColumn("strategy").AddColumn("equal weight").AddColumn(Markup.Escape($"buy & hold {settings.BuyAndHold}"));
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
            table.AddRow(name, value(result.Strategy.Metrics), value(result.EqualWeight.Metrics), value(result.BuyAndHold.Metrics));
        }

        console.Write(table);
        var weights = new Table().AddColumn("symbol").AddColumn("mean weight").AddColumn("mean target").AddColumn("max target");
        foreach (var w in summary.Weights)
        {
            weights.AddRow(Markup.Escape(w.Symbol), Percent(w.Mean), Percent(w.MeanTarget), Percent(w.MaxTarget));
        }

        weights.AddRow("cash", Percent(summary.MeanCash), "", "");
        console.Write(weights);
    }

    private static string Percent(double value) =>
        double.IsFinite(value) ? (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Number(double value) =>
        !double.IsFinite(value) ? "n/a"
        : Math.Abs(value) >= 1000 ? value.ToString("#,0.0", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
