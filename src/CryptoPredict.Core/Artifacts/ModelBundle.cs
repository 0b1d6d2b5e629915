using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Serialization;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// A trained model as <c>predict</c> and <c>evaluate</c> use it: <c>model.json</c> (the description), the best
/// weights (<c>weights.cpt</c>) and a manifest of both, and nothing from <c>data/</c>. A run folder
/// (<c>models/SYMBOL_INTERVAL_MODEL</c>) holds immutable versions and a <c>current</c> pointer (see
/// <see cref="BundleLayout"/>): <see cref="Publish"/> adds a version and moves the pointer atomically, so a reader
/// sees the old bundle or the new one, whole, and <see cref="Load"/> reads the version the pointer names (or a
/// bundle of an earlier build, written directly into the run folder).
/// </summary>
public sealed class ModelBundle
{
    public const string DescriptionFileName = "model.json";
    public const string WeightsFileName = "weights.cpt";
    public const string ManifestFileName = "manifest.json";
    public const string PointerFileName = "current";
    public const string VersionsFolderName = "versions";

    /// <summary>Versions kept before the current one, for readers that still open them and for going back by hand.</summary>
    public const int PreviousVersionsKept = 2;

    internal ModelBundle(string directory, string? version, ModelDescription description, BundleParts parts, byte[] weights)
    {
        Directory = directory;
        Version = version;
        Description = description;
        Weights = weights;
        Architecture = parts.Architecture;
        FeatureScaler = parts.FeatureScaler;
        TargetScaler = parts.TargetScaler;
        Heads = ForecastHeads.Of(description.Targets.Count, description.Training.Quantiles);
    }

    /// <summary>The folder the bundle was read from: the version folder, or the run folder for a bundle of an earlier build.</summary>
    public string Directory { get; }

    /// <summary>The published version's name (<c>20250301T120000123Z-1a2b3c4d</c>); null for a bundle of an earlier build.</summary>
    public string? Version { get; }

    public string DescriptionPath => Path.Combine(Directory, DescriptionFileName);

    public string WeightsPath => Path.Combine(Directory, WeightsFileName);

    public ModelDescription Description { get; }

    public ModelArchitecture Architecture { get; }

    public FeatureScaler FeatureScaler { get; }

    public FeatureScaler TargetScaler { get; }

    /// <summary>The network's output columns: a point forecast per target, then the quantile heads (see <see cref="ForecastHeads"/>).</summary>
    public ForecastHeads Heads { get; }

    /// <summary>Module state file bytes of the weights.</summary>
    public byte[] Weights { get; }

    /// <summary>Builds the network on <paramref name="device"/> with the bundle's weights, in evaluation mode.</summary>
    public ForecastModel CreateModel(Device device)
    {
        var model = Architecture.Create(Description.Architecture.InputFeatures, Heads, Description.Architecture.Network);
        try
        {
            ModuleState.Restore(model, StateFile.FromBytes(Weights, WeightsPath), WeightsPath);
            model.To(device);
            model.Eval();
            return model;
        }
        catch (TorchException e)
        {
            model.Dispose();
            throw new ModelBundleException(e.Message, e);
        }
    }

    /// <summary>
    /// Publishes <paramref name="description"/> and <paramref name="weights"/> as a new version of the run folder
    /// <paramref name="runDirectory"/> and makes it the current one; returns the version folder. Leftovers of killed
    /// publishes are removed first, versions beyond <see cref="PreviousVersionsKept"/> before the current one after.
    /// Nothing else in the run folder is touched (checkpoints may live there too). Throws
    /// <see cref="ModelBundleException"/> when the description breaks a bundle rule (nothing is written then), and
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the folder cannot be written.
    /// </summary>
    public static string Publish(string runDirectory, ModelDescription description, byte[] weights)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(weights);
        return BundlePublisher.Publish(runDirectory, description, weights, PreviousVersionsKept);
    }

    /// <summary>
    /// The bundle <paramref name="description"/> and <paramref name="weights"/> will make once published to
    /// <paramref name="runDirectory"/>, checked by the same rules, without writing anything: what training scores on
    /// its test part before publishing.
    /// </summary>
    internal static ModelBundle Unpublished(string runDirectory, ModelDescription description, byte[] weights)
    {
        var sealedDescription = description with { WeightsFile = WeightsFileName, WeightsSha256 = BundleManifest.Sha256(weights) };
        var parts = ModelDescriptionValidator.Validate(sealedDescription, Path.Combine(runDirectory, "(new version)", DescriptionFileName));
        return new ModelBundle(runDirectory, null, sealedDescription, parts, weights);
    }

    /// <summary>
    /// Reads the bundle of a run folder: the version its pointer names, or, without a pointer, the bundle of an
    /// earlier build in the folder itself (any folder holding a <c>model.json</c>, such as a version folder, loads
    /// this way). Every problem is a <see cref="ModelBundleException"/> naming the file, and the field where one is at fault.
    /// </summary>
    public static ModelBundle Load(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        return BundleReader.Load(runDirectory);
    }

    /// <summary>Whether <paramref name="runDirectory"/> has a bundle to load (a pointer, or a bundle of an earlier build).</summary>
    public static bool Exists(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        return BundleReader.Exists(runDirectory);
    }

    /// <summary>
    /// The version the <c>current</c> pointer of <paramref name="runDirectory"/> names now; null when there is no
    /// pointer (or it cannot be read: <see cref="Load"/> then says why). One small read, so a long-running reader can
    /// ask it on every request to notice a new publish.
    /// </summary>
    public static string? CurrentVersion(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        return BundleReader.TryReadPointer(Path.GetFullPath(runDirectory));
    }

    /// <summary>The pointer file of a run folder: what a missing-bundle message names.</summary>
    public static string PointerPath(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        return BundleLayout.PointerPath(Path.GetFullPath(runDirectory));
    }
}
