using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Backtesting;

/// <summary>Everything the backtest page shows: <see cref="BacktestHtmlReport.Render"/> turns it into HTML.</summary>
/// <param name="Title">Page title and heading.</param>
/// <param name="Details">Rows of the settings table (model, data, costs, rule...), in order.</param>
/// <param name="Result">The backtest.</param>
/// <param name="Sweep">The threshold sweep that chose the rule's threshold on the validation part; null for none.</param>
public sealed record BacktestReport(string Title, IReadOnlyList<ReportField> Details, BacktestResult Result, SweepChoice? Sweep = null);
