using System.Globalization;
using System.Text.Json.Serialization;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Training;

/// <summary>
/// Everything that decides what a training run computes. Defaults are the seeds' recipe: Adam at 1e-3, batch 32,
/// up to 100 epochs, early stopping on validation loss (patience 15, best weights restored), learning rate halved
/// after 5 epochs without improvement, gradient norm clipped, fixed seed. Saved in checkpoints and bundles; a
/// resume must match it in everything but <see cref="Epochs"/>.
/// </summary>
public sealed record TrainingConfiguration
{
    public const long DefaultSeed = 42;

    public required string Symbol { get; init; }

    public required string Interval { get; init; }

    public required string Model { get; init; }

    /// <summary>Feature set text (<see cref="FeatureSet.Parse"/>).</summary>
    public required string Features { get; init; }

    public required int Window { get; init; }

    public required int Horizon { get; init; }

    /// <summary>Log-return threshold that separates bullish/bearish from neutral (regime models only).</summary>
    public double RegimeThreshold { get; init; } = RegimeTarget.DefaultThreshold;

    /// <summary>
    /// True when a volatility model learns ln(realized volatility) (<c>log_realized_vol_N</c>), the default of new runs
    /// (<see cref="For"/>); false, and absent on disk, for bundles and checkpoints made before, which learned the
    /// volatility itself and still load as such.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool LogVolatility { get; init; }

    /// <summary>
    /// Quantile levels, increasing in (0, 1), whose heads are trained beside the point forecast (<c>--quantiles</c>,
    /// see <see cref="ForecastHeads"/>); null (omitted on disk, as in bundles of earlier builds) for none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Quantiles { get; init; }

    /// <summary>
    /// Horizons in candles, increasing, one close head each (<c>--horizons</c>); <see cref="Horizon"/> is then the
    /// farthest. Null (omitted on disk) for the architecture's single target.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Horizons { get; init; }

    public int Epochs { get; init; } = 100;

    public int BatchSize { get; init; } = 32;

    public double LearningRate { get; init; } = 1e-3;

    public long Seed { get; init; } = DefaultSeed;

    /// <summary>Epochs without a lower validation loss before training stops.</summary>
    public int Patience { get; init; } = 15;

    public double LrFactor { get; init; } = 0.5;

    public int LrPatience { get; init; } = 5;

    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>Largest L2 norm of all gradients together; 0 turns clipping off.</summary>
    public double ClipNorm { get; init; } = 1.0;

    public double TrainFraction { get; init; } = DatasetSplit.DefaultTrainFraction;

    public double ValidationFraction { get; init; } = DatasetSplit.DefaultValidationFraction;

    public ScalerKind FeatureScaler { get; init; } = ScalerKind.MinMax;

    /// <summary>
    /// When set (UTC), the test part is every sample from this time on instead of the last fraction, and the samples
    /// before it are split into train and validation in the ratio of the two fractions (<see cref="DatasetSplit.From"/>):
    /// a walk-forward fold. Null (omitted on disk) for an ordinary run.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? TestFrom { get; init; }

    /// <summary>The architecture's defaults for everything not given.</summary>
    public static TrainingConfiguration For(ModelArchitecture architecture, string symbol, string interval)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return new TrainingConfiguration
        {
            Symbol = symbol,
            Interval = interval,
            Model = architecture.Name,
            Features = architecture.DefaultFeatures,
            Window = architecture.DefaultWindow,
            Horizon = architecture.DefaultHorizon,
            LogVolatility = architecture.Kind == ForecastKind.Volatility,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        var architecture = ModelCatalog.Get(Model);
        architecture.RequireWindow(Window);
        architecture.RequireHorizon(Horizon);
        Require(Epochs is >= 1 and <= 100_000, $"epochs must be between 1 and 100000 (got {Epochs}).");
        Require(BatchSize is >= 1 and <= 65_536, $"batch size must be between 1 and 65536 (got {BatchSize}).");
        Require(LearningRate is > 0 and < 10, $"learning rate must be above 0 and below 10 (got {LearningRate}).");
        Require(Patience >= 1, $"patience must be at least 1 (got {Patience}).");
        Require(LrFactor is > 0 and < 1, $"the learning-rate factor must be between 0 and 1 (got {LrFactor}).");
        Require(LrPatience >= 1, $"the learning-rate patience must be at least 1 (got {LrPatience}).");
        Require(MinLearningRate >= 0 && double.IsFinite(MinLearningRate), $"the minimum learning rate must be >= 0 (got {MinLearningRate}).");
        Require(ClipNorm >= 0 && double.IsFinite(ClipNorm), $"the gradient clip norm must be >= 0 (got {ClipNorm}).");
        Require(TrainFraction is > 0 and < 1 && ValidationFraction is > 0 and < 1 && TrainFraction + ValidationFraction < 1,
            $"train ({TrainFraction}) and validation ({ValidationFraction}) fractions must be above 0 and leave a test part.");
        Require(TestFrom is null || TestFrom.Value.Kind == DateTimeKind.Utc, $"the test start must be a UTC time (got {TestFrom}).");
        Require(RegimeThreshold >= 0 && double.IsFinite(RegimeThreshold), $"the regime threshold must be >= 0 (got {RegimeThreshold}).");
        _ = FeatureSet.Parse(Features);
        Require(ForecastHeadSettings.Problem(this, architecture) is null, ForecastHeadSettings.Problem(this, architecture) ?? "");
    }

    /// <summary>The settings a resumed run must share with the checkpoint, by name (all but the epoch budget).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ResumeKey() =>
    [
        new("symbol", Symbol),
        new("interval", Interval),
        new("model", Model),
        new("features", Features),
        new("window", Text(Window)),
        new("horizon", Text(Horizon)),
        new("horizons", ForecastHeadSettings.Text(Horizons)),
        new("quantiles", ForecastHeadSettings.Text(Quantiles)),
        new("regime_threshold", Text(RegimeThreshold)),
        new("log_volatility", LogVolatility ? "true" : "false"),
        new("batch_size", Text(BatchSize)),
        new("lr", Text(LearningRate)),
        new("seed", Text(Seed)),
        new("patience", Text(Patience)),
        new("lr_factor", Text(LrFactor)),
        new("lr_patience", Text(LrPatience)),
        new("min_lr", Text(MinLearningRate)),
        new("clip_norm", Text(ClipNorm)),
        new("train_fraction", Text(TrainFraction)),
        new("validation_fraction", Text(ValidationFraction)),
        new("feature_scaler", FeatureScaler.ToString()),
        new("test_from", TestFrom is { } from ? from.ToString("O", CultureInfo.InvariantCulture) : "none"),
    ];

    /// <summary>"name: checkpoint X, now Y" for every resume-relevant setting that differs; empty when they match.</summary>
    public IReadOnlyList<string> DifferencesFrom(TrainingConfiguration saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var before = saved.ResumeKey().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return ResumeKey()
            .Where(p => !string.Equals(before[p.Key], p.Value, StringComparison.Ordinal))
            .Select(p => $"{p.Key}: checkpoint {before[p.Key]}, now {p.Value}")
            .ToArray();
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
