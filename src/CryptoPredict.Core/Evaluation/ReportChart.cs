namespace CryptoPredict.Core.Evaluation;

/// <summary>A line chart over time, e.g. predicted vs actual close on the test split; every series shares the axes.</summary>
/// <param name="Title">Heading above the chart.</param>
/// <param name="Series">The lines, drawn in order (later ones on top).</param>
/// <param name="ValueLabel">Y-axis label, e.g. <c>close</c>; none when null.</param>
public sealed record ReportChart(string Title, IReadOnlyList<ReportSeries> Series, string? ValueLabel = null);
