using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Artifacts;

/// <summary>The parts of a description that readers use parsed: the architecture and both scalers.</summary>
internal sealed record BundleParts(ModelArchitecture Architecture, FeatureScaler FeatureScaler, FeatureScaler TargetScaler);

/// <summary>
/// Checks every field of a <c>model.json</c> before anything runs on it, alone and against the others: the
/// architecture is known and its size fits the columns, window and horizon are ones the architecture can train,
/// the targets are the ones it predicts for that horizon, the scalers have one finite, non-zero scale per column, and
/// the training settings say the same. A failure is a <see cref="ModelBundleException"/> naming the file and the
/// field, so a hand-edited or damaged description is refused up front instead of failing later as bad candles.
/// </summary>
internal static class ModelDescriptionValidator
{
    /// <summary>Far beyond any feature set (the widest has 20 columns plus the file's extras), but bounded.</summary>
    public const int MaximumFeatureColumns = 10_000;

    public static BundleParts Validate(ModelDescription description, string file)
    {
        ArgumentNullException.ThrowIfNull(description);
        var fields = new FieldErrors(file);
        if (description.FormatVersion != ModelDescription.CurrentFormatVersion)
        {
            throw fields.Error("format_version", $"is {description.FormatVersion}; this build reads format {ModelDescription.CurrentFormatVersion}. Retrain the model");
        }

        var architectureField = description.Architecture ?? throw fields.Missing("architecture");
        if (!ModelCatalog.TryGet(architectureField.Name ?? "", out var architecture))
        {
            throw fields.Error("architecture.name", $"is {Quote(architectureField.Name)}; must be one of {string.Join(", ", ModelCatalog.Names)}");
        }

        var kind = architecture.Kind.ToString().ToLowerInvariant();
        if (!string.Equals(architectureField.Kind, kind, StringComparison.Ordinal))
        {
            throw fields.Error("architecture.kind", $"is {Quote(architectureField.Kind)}; {architecture.Name} is a '{kind}' model");
        }

        if (!RunPaths.IsValidSymbol(description.Symbol))
        {
            throw fields.Error("symbol", $"is {Quote(description.Symbol)}; must be 2-20 upper-case letters or digits, e.g. BTCUSDT");
        }

        if (!CandleInterval.TryParse(description.Interval, out _))
        {
            throw fields.Error("interval", $"is {Quote(description.Interval)}; must be a candle interval such as 1h or 15m");
        }

        CheckFeatures(description, fields);
        if (architectureField.InputFeatures != description.FeatureColumns.Count)
        {
            throw fields.Error("architecture.input_features", $"is {architectureField.InputFeatures}, but 'feature_columns' lists {description.FeatureColumns.Count} columns");
        }

        Rule(fields, "window", description.Window, () => architecture.RequireWindow(description.Window));
        Rule(fields, "horizon", description.Horizon, () => architecture.RequireHorizon(description.Horizon));
        if (!(description.RegimeThreshold >= 0) || !double.IsFinite(description.RegimeThreshold))
        {
            throw fields.Error("regime_threshold", $"is {Text(description.RegimeThreshold)}; must be a finite log return >= 0");
        }

        var training = description.Training ?? throw fields.Missing("training");
        var headsProblem = ForecastHeadsField.Problem(training, architecture);
        if (headsProblem is { } problem)
        {
            throw fields.Error(problem.Field, problem.Message);
        }

        var targets = Training.ForecastHeadSettings.Targets(architecture, training with { Horizon = description.Horizon, RegimeThreshold = description.RegimeThreshold })
            .Specs.Select(s => s.Name).ToArray();
        if (description.Targets is null || !description.Targets.SequenceEqual(targets, StringComparer.Ordinal))
        {
            throw fields.Error("targets", $"is {List(description.Targets)}; {architecture.Name} with horizon {description.Horizon} predicts {List(targets)}");
        }

        var outputs = architecture.IsClassifier ? Enum.GetValues<MarketRegime>().Length : ForecastHeads.Of(targets.Length, training.Quantiles).Outputs;
        if (architectureField.Outputs != outputs)
        {
            throw fields.Error("architecture.outputs", $"is {architectureField.Outputs}; {architecture.Name} has {outputs}");
        }

        if (architectureField.Parameters <= 0)
        {
            throw fields.Error("architecture.parameters", $"is {architectureField.Parameters}; must be above 0");
        }

        var featureScaler = Scaler(fields, "feature_scaler", description.FeatureScaler, description.FeatureColumns, "feature_columns");
        var targetScaler = Scaler(fields, "target_scaler", description.TargetScaler, targets, "targets");
        CheckTraining(description, architecture, fields);
        if (description.DriftReference is { } drift)
        {
            Drift.DriftReferenceValidator.Validate(drift, description.FeatureColumns, targets, file);
        }

        CheckSource(description, fields);
        CheckTestMetrics(description, architecture, targets, fields);
        if (!string.Equals(description.WeightsFile, ModelBundle.WeightsFileName, StringComparison.Ordinal))
        {
            throw fields.Error("weights_file", $"is {Quote(description.WeightsFile)}; must be '{ModelBundle.WeightsFileName}'");
        }

        if (!BundleManifest.IsSha256(description.WeightsSha256))
        {
            throw fields.Error("weights_sha256", $"is {Quote(description.WeightsSha256)}; must be 64 hexadecimal digits");
        }

        return new BundleParts(architecture, featureScaler, targetScaler);
    }

    private static void CheckFeatures(ModelDescription description, FieldErrors fields)
    {
        FeatureSet set;
        try
        {
            set = FeatureSet.Parse(description.Features ?? throw fields.Missing("features"));
        }
        catch (FormatException e)
        {
            throw fields.Error("features", $"is {Quote(description.Features)}: {e.Message}");
        }

        var columns = description.FeatureColumns ?? throw fields.Missing("feature_columns");
        if (columns.Count is 0 or > MaximumFeatureColumns)
        {
            throw fields.Error("feature_columns", $"lists {columns.Count} columns; must list between 1 and {MaximumFeatureColumns}");
        }

        if (columns.Any(string.IsNullOrWhiteSpace))
        {
            throw fields.Error("feature_columns", "has an empty column name");
        }

        var duplicate = columns.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw fields.Error("feature_columns", $"lists '{duplicate.Key}' twice");
        }

        // The set's catalog columns come first, in order; only a set with extras may add the file's other columns.
        var named = set.Features.Select(f => f.Name).ToArray();
        var fits = columns.Count >= named.Length
            && columns.Take(named.Length).SequenceEqual(named, StringComparer.OrdinalIgnoreCase)
            && (set.IncludesExtraColumns || columns.Count == named.Length);
        if (!fits)
        {
            var extras = set.IncludesExtraColumns ? $" followed by the file's extra columns" : "";
            throw fields.Error("feature_columns", $"is {List(columns)}; feature set '{description.Features}' gives {List(named)}{extras}");
        }
    }

    private static void CheckTraining(ModelDescription description, ModelArchitecture architecture, FieldErrors fields)
    {
        var data = description.TrainingData ?? throw fields.Missing("training_data");
        if (!BundleManifest.IsSha256(data.Sha256))
        {
            throw fields.Error("training_data.sha256", $"is {Quote(data.Sha256)}; must be 64 hexadecimal digits");
        }

        if (data.Candles < 1 || data.First > data.Last)
        {
            throw fields.Error("training_data", $"has {data.Candles} candles from {data.First:O} to {data.Last:O}; must be at least one, in time order");
        }

        var split = description.Split ?? throw fields.Missing("split");
        if (split.TrainSamples < 1 || split.ValidationSamples < 1 || split.TestSamples < 1)
        {
            throw fields.Error("split", $"has {split.TrainSamples}/{split.ValidationSamples}/{split.TestSamples} train/validation/test samples; each part needs at least one");
        }

        if (split.TrainFrom > split.TrainTo || split.TrainTo >= split.ValidationFrom || split.ValidationFrom > split.ValidationTo
            || split.ValidationTo >= split.TestFrom || split.TestFrom > split.TestTo)
        {
            throw fields.Error("split", "has parts out of time order; train, validation and test follow each other");
        }

        if (description.TrainClassCounts is { } counts
            && (counts.Count != Enum.GetValues<MarketRegime>().Length || counts.Any(c => c < 0) || !architecture.IsClassifier))
        {
            throw fields.Error("train_class_counts", $"is {List(counts)}; only a regime model has it, one count >= 0 per regime (bearish, neutral, bullish)");
        }

        var metrics = description.Metrics ?? throw fields.Missing("metrics");
        if (metrics.EpochsRun < 1 || metrics.History is null)
        {
            throw fields.Error("metrics", $"records {metrics.EpochsRun} epochs; a published model has at least one, with its history");
        }

        var training = description.Training ?? throw fields.Missing("training");
        Same(fields, "training.model", training.Model, architecture.Name, "architecture.name", StringComparer.OrdinalIgnoreCase);
        Same(fields, "training.symbol", training.Symbol, description.Symbol, "symbol", StringComparer.Ordinal);
        Same(fields, "training.interval", training.Interval, description.Interval, "interval", StringComparer.Ordinal);
        Same(fields, "training.features", training.Features, description.Features, "features", StringComparer.Ordinal);
        Same(fields, "training.window", Text(training.Window), Text(description.Window), "window", StringComparer.Ordinal);
        Same(fields, "training.horizon", Text(training.Horizon), Text(description.Horizon), "horizon", StringComparer.Ordinal);
        Same(fields, "training.regime_threshold", Text(training.RegimeThreshold), Text(description.RegimeThreshold), "regime_threshold", StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(description.LibTorchVersion))
        {
            throw fields.Missing("libtorch_version");
        }
    }

    /// <summary>The optional <c>source</c>: a bare file name, and an interval the model's interval can be resampled from.</summary>
    private static void CheckSource(ModelDescription description, FieldErrors fields)
    {
        if (description.Source is not { } source)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(source.File) || source.File.Length > 255 || Path.GetFileName(source.File) != source.File
            || source.File.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || source.File is "." or "..")
        {
            throw fields.Error("source.file", $"is {Quote(source.File)}; must be a file name without a folder, such as BTCUSDT_1h.csv");
        }

        if (!CandleInterval.TryParse(source.Interval, out var sourceInterval))
        {
            throw fields.Error("source.interval", $"is {Quote(source.Interval)}; must be a candle interval such as 1h or 15m");
        }

        var interval = CandleInterval.Parse(description.Interval);
        if (!CandleResampler.CanResample(sourceInterval, interval))
        {
            throw fields.Error("source.interval", $"is {Quote(source.Interval)}, but 'interval' {description.Interval} cannot be made from it; it must be {description.Interval} or an interval that divides it");
        }

        var perCandle = (int)(interval.Duration.Ticks / sourceInterval.Duration.Ticks);
        var trained = description.TrainingData.Candles;
        if (source.Candles < 1 || (long)source.Candles < (long)trained * perCandle || (perCandle == 1 && source.Candles != trained))
        {
            throw fields.Error("source.candles", $"is {Text(source.Candles)}, but {Text(trained)} {description.Interval} training candles need {(perCandle == 1 ? "exactly" : "at least")} {Text(trained * perCandle)} {source.Interval} ones");
        }

        if (source.PartialBucketsDropped < 0 || (perCandle == 1 && source.PartialBucketsDropped != 0))
        {
            throw fields.Error("source.partial_buckets_dropped", $"is {Text(source.PartialBucketsDropped)}; must be >= 0, and 0 when the candles were not resampled");
        }
    }

    /// <summary>The optional <c>test_metrics</c>: inside the test part, one entry per target in order, of the model's kind, each value in its range.</summary>
    private static void CheckTestMetrics(ModelDescription description, ModelArchitecture architecture, string[] targets, FieldErrors fields)
    {
        if (description.TestMetrics is not { } metrics)
        {
            return;
        }

        var split = description.Split;
        if (metrics.Samples < 1 || metrics.Samples > split.TestSamples)
        {
            throw fields.Error("test_metrics.samples", $"is {Text(metrics.Samples)}; must be between 1 and the {Text(split.TestSamples)} test samples of 'split'");
        }

        if (metrics.From > metrics.To || metrics.From < split.TestFrom || metrics.To > split.TestTo)
        {
            throw fields.Error("test_metrics", $"covers {metrics.From:O} to {metrics.To:O}; must lie in order inside the test part {split.TestFrom:O} to {split.TestTo:O} of 'split'");
        }

        // A log-volatility target is scored as the volatility itself, under that name.
        var names = architecture.IsClassifier
            ? targets.Take(1).ToArray()
            : targets.Select(t => TargetSet.ParseOne(t) is RealizedVolatilityTarget { IsLog: true } v ? v.VolatilityName : t).ToArray();
        var entries = metrics.Targets ?? throw fields.Missing("test_metrics.targets");
        if (entries.Count != names.Length || entries.Where((e, i) => e is null || !string.Equals(e.Name, names[i], StringComparison.Ordinal)).Any())
        {
            throw fields.Error("test_metrics.targets", $"names {List(entries.Select(e => e?.Name))}; must name {List(names)}, in that order");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            CheckTargetMetrics(entries[i], $"test_metrics.targets[{Text(i)}]", architecture.IsClassifier, fields);
        }
    }

    private static void CheckTargetMetrics(TargetTestMetrics entry, string at, bool classifier, FieldErrors fields)
    {
        var kind = classifier ? TargetTestMetrics.ClassificationKind : TargetTestMetrics.RegressionKind;
        if (!string.Equals(entry.Kind, kind, StringComparison.Ordinal))
        {
            throw fields.Error(at + ".kind", $"is {Quote(entry.Kind)}; this model's targets are '{kind}'");
        }

        if (classifier)
        {
            if (entry.Baseline is not (null or TargetTestMetrics.MajorityClassBaseline))
            {
                throw fields.Error(at + ".baseline", $"is {Quote(entry.Baseline)}; a regime model's baseline is '{TargetTestMetrics.MajorityClassBaseline}' (or none)");
            }

            Metric(fields, at, "accuracy", entry.Accuracy, required: true, maximum: 1);
            Metric(fields, at, "log_loss", entry.LogLoss, required: false);
            Metric(fields, at, "auc", entry.Auc, required: false, maximum: 1);
            Metric(fields, at, "baseline_accuracy", entry.BaselineAccuracy, required: entry.Baseline is not null, maximum: 1, allowed: entry.Baseline is not null);
            Metric(fields, at, "baseline_log_loss", entry.BaselineLogLoss, required: false, allowed: entry.Baseline is not null);
            StrongestBaseline(entry, at, fields);
            Metric(fields, at, "strongest_baseline_accuracy", entry.StrongestBaselineAccuracy, required: entry.StrongestBaseline is not null, maximum: 1, allowed: entry.StrongestBaseline is not null);
            Metric(fields, at, "strongest_baseline_log_loss", entry.StrongestBaselineLogLoss, required: false, allowed: entry.StrongestBaseline is not null);
            foreach (var (name, value) in new[] { ("mae", entry.Mae), ("rmse", entry.Rmse), ("mape", entry.Mape), ("r2", entry.R2), ("hit_rate", entry.HitRate), ("directional_accuracy", entry.DirectionalAccuracy), ("theil_u", entry.TheilU), ("baseline_mae", entry.BaselineMae), ("baseline_rmse", entry.BaselineRmse), ("baseline_directional_accuracy", entry.BaselineDirectionalAccuracy), ("baseline_hit_rate", entry.BaselineHitRate), ("strongest_baseline_mae", entry.StrongestBaselineMae), ("strongest_baseline_rmse", entry.StrongestBaselineRmse), ("strongest_baseline_r2", entry.StrongestBaselineR2), ("strongest_baseline_directional_accuracy", entry.StrongestBaselineDirectionalAccuracy), ("strongest_baseline_hit_rate", entry.StrongestBaselineHitRate) })
            {
                Metric(fields, at, name, value, required: false, allowed: false);
            }

            return;
        }

        if (!string.Equals(entry.Baseline, TargetTestMetrics.PersistenceBaseline, StringComparison.Ordinal))
        {
            throw fields.Error(at + ".baseline", $"is {Quote(entry.Baseline)}; a regression target's baseline is '{TargetTestMetrics.PersistenceBaseline}'");
        }

        Metric(fields, at, "mae", entry.Mae, required: true);
        Metric(fields, at, "rmse", entry.Rmse, required: true);
        Metric(fields, at, "mape", entry.Mape, required: false);
        // A next high or low has a hit rate instead of a direction; persistence has no direction at all (older bundles
        // recorded the share of unmoved samples there).
        Metric(fields, at, "directional_accuracy", entry.DirectionalAccuracy, required: false, maximum: 1);
        Metric(fields, at, "hit_rate", entry.HitRate, required: false, maximum: 1);
        Correlation(fields, at, "r2", entry.R2);
        Metric(fields, at, "theil_u", entry.TheilU, required: false);
        Metric(fields, at, "baseline_mae", entry.BaselineMae, required: true);
        Metric(fields, at, "baseline_rmse", entry.BaselineRmse, required: true);
        Metric(fields, at, "baseline_directional_accuracy", entry.BaselineDirectionalAccuracy, required: false, maximum: 1);
        Metric(fields, at, "baseline_hit_rate", entry.BaselineHitRate, required: false, maximum: 1);
        var strongest = StrongestBaseline(entry, at, fields);

        Metric(fields, at, "strongest_baseline_mae", entry.StrongestBaselineMae, required: strongest, allowed: strongest);
        Metric(fields, at, "strongest_baseline_rmse", entry.StrongestBaselineRmse, required: strongest, allowed: strongest);
        Metric(fields, at, "strongest_baseline_directional_accuracy", entry.StrongestBaselineDirectionalAccuracy, required: false, maximum: 1, allowed: strongest);
        Metric(fields, at, "strongest_baseline_hit_rate", entry.StrongestBaselineHitRate, required: false, maximum: 1, allowed: strongest);
        Correlation(fields, at, "strongest_baseline_r2", entry.StrongestBaselineR2);
        foreach (var (name, value) in new[] { ("accuracy", entry.Accuracy), ("log_loss", entry.LogLoss), ("auc", entry.Auc), ("baseline_accuracy", entry.BaselineAccuracy), ("baseline_log_loss", entry.BaselineLogLoss), ("strongest_baseline_accuracy", entry.StrongestBaselineAccuracy), ("strongest_baseline_log_loss", entry.StrongestBaselineLogLoss) })
        {
            Metric(fields, at, name, value, required: false, allowed: false);
        }
    }

    /// <summary>
    /// The strongest baseline's name and where it was chosen: both or neither (bundles made before record neither);
    /// true when present.
    /// </summary>
    private static bool StrongestBaseline(TargetTestMetrics entry, string at, FieldErrors fields)
    {
        if (entry.StrongestBaseline is null)
        {
            return entry.StrongestBaselineChosenOn is null
                ? false
                : throw fields.Error(at + ".strongest_baseline_chosen_on", "is present without 'strongest_baseline'; name the baseline or leave both out");
        }

        if (string.IsNullOrWhiteSpace(entry.StrongestBaseline))
        {
            throw fields.Error(at + ".strongest_baseline", "is empty; name the baseline or leave the field out");
        }

        if (entry.StrongestBaselineChosenOn is not (RegressionComparison.ChosenOnValidation or RegressionComparison.ChosenOnScored))
        {
            throw fields.Error(at + ".strongest_baseline_chosen_on",
                $"is {Quote(entry.StrongestBaselineChosenOn)}; must be '{RegressionComparison.ChosenOnValidation}' or '{RegressionComparison.ChosenOnScored}' beside 'strongest_baseline'");
        }

        return true;
    }

    /// <summary>An R² when present: finite and at most 1 (it is negative for a forecast worse than the mean).</summary>
    private static void Correlation(FieldErrors fields, string at, string name, double? value)
    {
        if (value is { } v && (!double.IsFinite(v) || v > 1))
        {
            throw fields.Error(at + "." + name, $"is {Text(v)}; an R² must be finite and at most 1");
        }
    }

    /// <summary>A metric value: present when required, absent when not allowed, else finite and in [0, maximum].</summary>
    private static void Metric(FieldErrors fields, string at, string name, double? value, bool required, double maximum = double.MaxValue, bool allowed = true)
    {
        var field = at + "." + name;
        if (value is not { } v)
        {
            if (required)
            {
                throw fields.Missing(field);
            }

            return;
        }

        if (!allowed)
        {
            throw fields.Error(field, $"is {Text(v)}; this target has no such metric");
        }

        if (!double.IsFinite(v) || v < 0 || v > maximum)
        {
            throw fields.Error(field, $"is {Text(v)}; must be finite and {(maximum == double.MaxValue ? ">= 0" : $"between 0 and {Text(maximum)}")}");
        }
    }

    private static FeatureScaler Scaler(FieldErrors fields, string field, JsonElement json, IReadOnlyList<string> columns, string columnsField)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw fields.Error(field, $"is {(json.ValueKind == JsonValueKind.Undefined ? "missing" : json.ValueKind.ToString().ToLowerInvariant())}; must be a scaler object");
        }

        FeatureScaler scaler;
        try
        {
            scaler = FeatureScaler.FromJson(json.GetRawText());
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw fields.Error(field, $"is not a usable scaler: {e.Message}");
        }

        if (!scaler.ColumnNames.SequenceEqual(columns, StringComparer.Ordinal))
        {
            throw fields.Error(field + ".columns", $"is {List(scaler.ColumnNames)}; must be the {columnsField} {List(columns)}");
        }

        return scaler;
    }

    /// <summary>Runs one of the architecture's own range rules and reports its failure as the field's.</summary>
    private static void Rule(FieldErrors fields, string field, int value, Action rule)
    {
        try
        {
            rule();
        }
        catch (ArgumentException e)
        {
            throw fields.Error(field, $"is {Text(value)}: {TrimParameter(e)}");
        }
    }

    private static void Same(FieldErrors fields, string field, string? value, string? expected, string other, StringComparer comparer)
    {
        if (!comparer.Equals(value, expected))
        {
            throw fields.Error(field, $"is {Quote(value)}, but '{other}' is {Quote(expected)}; the model was trained with one setting");
        }
    }

    /// <summary>ArgumentException appends " (Parameter 'x')"; the field name says it better.</summary>
    private static string TrimParameter(ArgumentException e)
    {
        var message = e.Message;
        var at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).TrimEnd('.');
    }

    private static string Quote(string? text) => text is null ? "missing" : $"'{text}'";

    private static string List<T>(IEnumerable<T>? items) => items is null ? "missing" : "[" + string.Join(", ", items) + "]";

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class FieldErrors(string file)
    {
        public ModelBundleException Error(string field, string problem) => new($"'{file}': field '{field}' {problem}.");

        public ModelBundleException Missing(string field) => new($"'{file}': field '{field}' is missing.");
    }
}
