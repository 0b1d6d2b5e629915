namespace CryptoPredict.Core.Evaluation;

/// <summary>Distribution of forecast errors (e.g. actual - predicted per test sample); non-finite values are left out.</summary>
/// <param name="Title">Heading above the histogram, e.g. <c>next_close error (actual - predicted)</c>.</param>
/// <param name="Errors">The errors.</param>
public sealed record ErrorHistogram(string Title, IReadOnlyList<double> Errors);
