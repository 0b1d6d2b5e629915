using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Drift;

/// <summary>
/// The <c>drift</c> use case: computes a bundle's inputs on candles exactly as the model would see them (its feature
/// set, unscaled; its targets over every sample the candles give) and compares each with the training reference by
/// PSI, Kolmogorov-Smirnov and Jensen-Shannon. No network is run and libtorch is not touched, so it is cheap enough
/// for every cron tick or HTTP request.
/// </summary>
public static class DriftCheck
{
    /// <summary>The PSI above which a shift is commonly called significant.</summary>
    public const double DefaultPsiThreshold = 0.2;

    /// <summary>Rows needed to compare (five per decile bin on average); fewer make PSI noise.</summary>
    public const int MinimumRows = 50;

    /// <summary>
    /// Compares <paramref name="series"/> with the bundle's reference. A bundle without one (written before drift) has
    /// it rebuilt from the first of <paramref name="trainingCandidates"/> (default: <paramref name="series"/> itself)
    /// that holds its training candles; see <see cref="DriftReferences"/>. Too few usable candles are a
    /// <see cref="ForecastDataException"/>; a reference that cannot be had, or candles of another interval or other
    /// columns, a <see cref="ModelBundleException"/>.
    /// </summary>
    public static DriftReport Run(
        ModelBundle bundle, CandleSeries series, double psiThreshold = DefaultPsiThreshold, IEnumerable<CandleSeries>? trainingCandidates = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(series);
        if (!(psiThreshold > 0) || !double.IsFinite(psiThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(psiThreshold), psiThreshold, "The PSI threshold must be a finite number above 0, such as 0.2.");
        }

        if (series.Count == 0)
        {
            throw new ForecastDataException("The data has no candles to check for drift.");
        }

        var description = bundle.Description;
        var features = Forecaster.ComputeFeatures(description, series);
        var rows = Enumerable.Range(0, features.RowCount).Where(features.IsRowComplete).ToArray();
        if (rows.Length < MinimumRows)
        {
            throw new ForecastDataException(
                Invariant($"too few candles to check for drift: {series.Count} candles give {rows.Length} rows with every feature of '{description.Features}' defined ") +
                Invariant($"(the indicators' warm-up takes the first {Math.Min(features.FirstCompleteRow, series.Count)}); drift needs at least {MinimumRows}."));
        }

        var (reference, rebuilt) = DriftReferences.Of(bundle, trainingCandidates ?? [series]);
        var featureDrift = new ColumnDrift[features.ColumnCount];
        for (var c = 0; c < features.ColumnCount; c++)
        {
            var values = new double[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                values[r] = features[rows[r], c];
            }

            featureDrift[c] = ColumnDrift.Compare(reference.Features[c], values, psiThreshold);
        }

        var notes = new List<string>();
        var targetDrift = CompareTargets(bundle, series, features, reference, psiThreshold, notes);
        if (rebuilt)
        {
            notes.Add($"the bundle stores no drift reference (written before drift): rebuilt from its training candles ({description.TrainingData})");
        }

        return new DriftReport
        {
            Symbol = description.Symbol,
            Interval = description.Interval,
            Model = description.Architecture.Name,
            Version = bundle.Version,
            PsiThreshold = psiThreshold,
            Features = ByPsi(featureDrift),
            Targets = ByPsi(targetDrift),
            Candles = series.Count,
            From = series.OpenTimes[0],
            To = series.OpenTimes[^1],
            Rows = rows.Length,
            ReferenceRows = reference.Features[0].Rows,
            ReferenceFrom = reference.From,
            ReferenceTo = reference.To,
            ReferenceRebuilt = rebuilt,
            Notes = notes,
        };
    }

    /// <summary>The targets of every sample the candles give (windows and targets as training builds them).</summary>
    private static ColumnDrift[] CompareTargets(
        ModelBundle bundle, CandleSeries series, FeatureMatrix features, DriftReference reference, double psiThreshold, List<string> notes)
    {
        var dataset = TrainingData.BuildDataset(series, features, bundle.Description.Training, bundle.Architecture);
        if (dataset.Count < MinimumRows)
        {
            notes.Add(
                Invariant($"targets not compared: the candles give {dataset.Count} samples with a defined target (each needs {dataset.WindowLength} candles and ") +
                Invariant($"{dataset.Horizon} after them); at least {MinimumRows} are needed"));
            return [];
        }

        var result = new ColumnDrift[dataset.Targets.ColumnCount];
        for (var j = 0; j < result.Length; j++)
        {
            var values = new double[dataset.Count];
            for (var s = 0; s < values.Length; s++)
            {
                values[s] = dataset.Target(s)[j];
            }

            result[j] = ColumnDrift.Compare(reference.Targets[j], values, psiThreshold);
        }

        return result;
    }

    private static ColumnDrift[] ByPsi(IEnumerable<ColumnDrift> columns) =>
        columns.OrderByDescending(c => c.Psi).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
