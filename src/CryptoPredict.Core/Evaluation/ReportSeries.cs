namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// One line of a report chart: a value per time (UTC, increasing). Non-finite values are left out of the plot.
/// </summary>
/// <param name="Name">Legend text, e.g. <c>actual</c> or <c>predicted</c>.</param>
/// <param name="Times">Sample times, as many as <paramref name="Values"/>.</param>
/// <param name="Values">Sample values.</param>
public sealed record ReportSeries(string Name, IReadOnlyList<DateTime> Times, IReadOnlyList<double> Values);
