using System.Security.Cryptography;
using System.Text;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Serialization;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// A trained model as <c>predict</c> and <c>evaluate</c> use it: a folder with <c>model.json</c> and the best
/// weights (<c>weights.cpt</c>), and nothing from <c>data/</c>. Written to a temporary sibling folder and swapped in,
/// so a crash leaves either the old bundle or the new one, never a mix.
/// </summary>
public sealed class ModelBundle
{
    public const string DescriptionFileName = "model.json";
    public const string WeightsFileName = "weights.cpt";

    private ModelBundle(string directory, ModelDescription description, byte[] weights)
    {
        Directory = directory;
        Description = description;
        Weights = weights;
        Architecture = ModelCatalog.Get(description.Architecture.Name);
        FeatureScaler = Features.FeatureScaler.FromJson(description.FeatureScaler.GetRawText());
        TargetScaler = Features.FeatureScaler.FromJson(description.TargetScaler.GetRawText());
    }

    public string Directory { get; }

    public ModelDescription Description { get; }

    public ModelArchitecture Architecture { get; }

    public FeatureScaler FeatureScaler { get; }

    public FeatureScaler TargetScaler { get; }

    /// <summary>Module state file bytes of the weights.</summary>
    public byte[] Weights { get; }

    /// <summary>Builds the network on <paramref name="device"/> with the bundle's weights, in evaluation mode.</summary>
    public ForecastModel CreateModel(Device device)
    {
        var model = Architecture.Create(Description.Architecture.InputFeatures);
        try
        {
            ModuleState.Restore(model, StateFile.FromBytes(Weights, Path.Combine(Directory, WeightsFileName)), Path.Combine(Directory, WeightsFileName));
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

    public static void Write(string directory, ModelDescription description, byte[] weights)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(weights);
        var target = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(target)!;
        System.IO.Directory.CreateDirectory(parent);
        var staging = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var retired = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
        System.IO.Directory.CreateDirectory(staging);
        try
        {
            AtomicFile.WriteAllBytes(Path.Combine(staging, WeightsFileName), weights);
            var json = ArtifactJson.Serialize(description with { WeightsFile = WeightsFileName, WeightsSha256 = Sha256(weights) });
            AtomicFile.WriteAllBytes(Path.Combine(staging, DescriptionFileName), Encoding.UTF8.GetBytes(json + "\n"));
            if (System.IO.Directory.Exists(target))
            {
                System.IO.Directory.Move(target, retired);
            }

            System.IO.Directory.Move(staging, target);
        }
        catch
        {
            if (System.IO.Directory.Exists(staging))
            {
                System.IO.Directory.Delete(staging, recursive: true);
            }

            if (!System.IO.Directory.Exists(target) && System.IO.Directory.Exists(retired))
            {
                System.IO.Directory.Move(retired, target);
            }

            throw;
        }

        if (System.IO.Directory.Exists(retired))
        {
            System.IO.Directory.Delete(retired, recursive: true);
        }
    }

    /// <summary>Reads a bundle; every problem is a <see cref="ModelBundleException"/> naming the file and what is wrong.</summary>
    public static ModelBundle Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var jsonPath = Path.Combine(directory, DescriptionFileName);
        if (!File.Exists(jsonPath))
        {
            throw new ModelBundleException($"No model bundle at '{jsonPath}'.");
        }

        ModelDescription description;
        try
        {
            description = ArtifactJson.Deserialize<ModelDescription>(File.ReadAllText(jsonPath), $"'{jsonPath}'");
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new ModelBundleException(e.Message, e);
        }

        if (description.FormatVersion != ModelDescription.CurrentFormatVersion)
        {
            throw new ModelBundleException(
                $"'{jsonPath}' is bundle format {description.FormatVersion}; this build reads format {ModelDescription.CurrentFormatVersion}. Retrain the model.");
        }

        if (!ModelCatalog.TryGet(description.Architecture?.Name ?? "", out _))
        {
            throw new ModelBundleException($"'{jsonPath}' names an unknown architecture '{description.Architecture?.Name}'.");
        }

        var weightsPath = Path.Combine(directory, WeightsFileName);
        byte[] weights;
        try
        {
            weights = File.ReadAllBytes(weightsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelBundleException($"Cannot read '{weightsPath}': {e.Message}", e);
        }

        if (!string.Equals(Sha256(weights), description.WeightsSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelBundleException($"'{weightsPath}' does not match the SHA-256 recorded in '{jsonPath}': the weights are corrupted or from another model.");
        }

        try
        {
            return new ModelBundle(Path.GetFullPath(directory), description, weights);
        }
        catch (FormatException e)
        {
            throw new ModelBundleException($"'{jsonPath}': {e.Message}", e);
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
