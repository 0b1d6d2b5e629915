namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Everything one evaluation report shows, as plain data; <see cref="HtmlReport.Render"/> turns it into a page. Every part
/// but the title is optional: an absent part is left out (or, for training, noted as not recorded).
/// </summary>
/// <param name="Title">Page title and heading.</param>
public sealed record EvaluationReport(string Title)
{
    public string? Symbol { get; init; }

    public string? Interval { get; init; }

    public string? Model { get; init; }

    /// <summary>Open time (UTC) of the first candle the evaluated samples cover.</summary>
    public DateTime? DataStart { get; init; }

    /// <summary>Open time (UTC) of the last candle the evaluated samples cover.</summary>
    public DateTime? DataEnd { get; init; }

    public int? Samples { get; init; }

    /// <summary>Further metadata rows (target, window, horizon, split, creation time...), shown in order.</summary>
    public IReadOnlyList<ReportField> Details { get; init; } = [];

    /// <summary>Regression metrics, one table per target, model next to its baselines.</summary>
    public IReadOnlyList<RegressionComparison> Regression { get; init; } = [];

    /// <summary>Classification metrics and confusion matrix; null for a regression model.</summary>
    public ClassificationSection? Classification { get; init; }

    /// <summary>Line charts over time (predicted vs actual); a classification report usually has none.</summary>
    public IReadOnlyList<ReportChart> Charts { get; init; } = [];

    /// <summary>Loss per epoch; null when the model bundle has no training history.</summary>
    public TrainingCurve? Training { get; init; }

    public IReadOnlyList<ErrorHistogram> Histograms { get; init; } = [];

    /// <summary>Residual diagnostics per regression target (residuals over time, predicted vs actual, autocorrelation, Ljung-Box).</summary>
    public IReadOnlyList<ResidualDiagnostics> Diagnostics { get; init; } = [];

    /// <summary>Permutation importance of the feature columns; null when not computed.</summary>
    public PermutationImportanceResult? Importance { get; init; }

    /// <summary>Quantile forecasts per target (pinball loss, interval coverage and width against the empirical-quantile baseline); empty when the model has none.</summary>
    public IReadOnlyList<Quantiles.QuantileEvaluation> Quantiles { get; init; } = [];
}
