using System.Text;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// Loads the version the <c>current</c> pointer names, or a bundle folder of an earlier build. The version's files
/// are read whole into memory and checked against its manifest before anything is parsed, so what is returned is one
/// published version, never a mix. A version pruned between reading the pointer and reading its files (a publish
/// finished meanwhile) is retried with the new pointer a few times.
/// </summary>
internal static class BundleReader
{
    public const int Attempts = 5;

    /// <summary>A pointer holds one version name; anything much longer is not one, and is not read whole.</summary>
    private const int PointerLimit = 1024;

    public static ModelBundle Load(string directory)
    {
        var run = Path.GetFullPath(directory);
        var pointer = BundleLayout.PointerPath(run);
        string? vanished = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var version = ReadPointer(pointer);
            if (version is null)
            {
                if (File.Exists(Path.Combine(run, ModelBundle.DescriptionFileName)))
                {
                    return LoadFolder(run, expectedVersion: null) ?? throw Missing(run);
                }

                throw Missing(run);
            }

            if (File.Exists(Path.Combine(BundleLayout.VersionPath(run, version), EnsembleBundle.DescriptionFileName)))
            {
                throw new ModelBundleException(
                    $"'{BundleLayout.VersionPath(run, version)}' is an ensemble ({EnsembleBundle.DescriptionFileName}), not a single model; predict and evaluate read it by its run name.");
            }

            var bundle = LoadFolder(BundleLayout.VersionPath(run, version), version);
            if (bundle is not null)
            {
                return bundle;
            }

            if (string.Equals(ReadPointer(pointer), version, StringComparison.Ordinal))
            {
                throw new ModelBundleException(
                    $"'{pointer}' names version {version}, but '{BundleLayout.VersionPath(run, version)}' is missing or incomplete: " +
                    "the bundle was deleted. Retrain the model, or write the name of a version under " +
                    $"'{BundleLayout.VersionsPath(run)}' into '{pointer}'.");
            }

            vanished = version;
        }

        throw new ModelBundleException(
            $"'{pointer}' changed {Attempts} times while its version was being read (last {vanished}, pruned meanwhile); " +
            "something is publishing this model continuously. Try again.");
    }

    public static bool Exists(string directory)
    {
        var run = Path.GetFullPath(directory);
        return File.Exists(BundleLayout.PointerPath(run)) || File.Exists(Path.Combine(run, ModelBundle.DescriptionFileName));
    }

    /// <summary>The version the pointer of <paramref name="run"/> names; null when there is none or it is unreadable.</summary>
    public static string? TryReadPointer(string run)
    {
        try
        {
            return ReadPointer(BundleLayout.PointerPath(run));
        }
        catch (ModelBundleException)
        {
            return null;
        }
    }

    /// <summary>The version named in <paramref name="pointer"/>, null when the file does not exist.</summary>
    private static string? ReadPointer(string pointer)
    {
        string text;
        try
        {
            using var stream = new FileStream(pointer, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[PointerLimit];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            text = Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelBundleException($"Cannot read '{pointer}': {e.Message}", e);
        }

        var version = text.Trim();
        return BundleVersion.IsValid(version)
            ? version
            : throw new ModelBundleException(
                $"'{pointer}' must hold the name of a version under '{Path.Combine(Path.GetDirectoryName(pointer)!, ModelBundle.VersionsFolderName)}' " +
                $"(such as {BundleVersion.Example}), but holds '{Shorten(version)}'.");
    }

    /// <summary>
    /// The bundle in <paramref name="folder"/>; null when one of its files is missing and it is a version
    /// (<paramref name="expectedVersion"/> given), which then may have been pruned meanwhile.
    /// </summary>
    private static ModelBundle? LoadFolder(string folder, string? expectedVersion)
    {
        var jsonPath = Path.Combine(folder, ModelBundle.DescriptionFileName);
        var weightsPath = Path.Combine(folder, ModelBundle.WeightsFileName);
        var manifestPath = Path.Combine(folder, ModelBundle.ManifestFileName);
        var json = Read(jsonPath);
        var weights = Read(weightsPath);
        var manifestBytes = Read(manifestPath);
        if (expectedVersion is not null && (json is null || weights is null || manifestBytes is null))
        {
            return null;
        }

        if (json is null)
        {
            throw new ModelBundleException($"No model bundle at '{jsonPath}'.");
        }

        if (weights is null)
        {
            throw new ModelBundleException($"'{weightsPath}' is missing; '{jsonPath}' needs it.");
        }

        BundleManifest? manifest = null;
        if (manifestBytes is not null)
        {
            manifest = BundleManifest.Parse(manifestBytes, manifestPath);
            if (expectedVersion is not null && !string.Equals(manifest.Version, expectedVersion, StringComparison.Ordinal))
            {
                throw new ModelBundleException(
                    $"'{manifestPath}': field 'version' is '{manifest.Version}', but the folder is version '{expectedVersion}'.");
            }

            manifest.Verify(jsonPath, json, manifestPath,
                "the description was changed after the model was published (a window, horizon or scaler that no longer fits the weights). " +
                "Restore it or retrain the model.");
            manifest.Verify(weightsPath, weights, manifestPath, "the weights are corrupted or from another model. Retrain the model.");
        }

        ModelDescription description;
        try
        {
            description = ArtifactJson.Deserialize<ModelDescription>(Encoding.UTF8.GetString(json), $"'{jsonPath}'");
        }
        catch (FormatException e)
        {
            throw new ModelBundleException(FieldOf(e, jsonPath) ?? e.Message, e);
        }

        var parts = ModelDescriptionValidator.Validate(description, jsonPath);
        if (!string.Equals(BundleManifest.Sha256(weights), description.WeightsSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelBundleException(
                $"'{weightsPath}' does not match the SHA-256 recorded in '{jsonPath}': the weights are corrupted or from another model.");
        }

        return new ModelBundle(folder, manifest?.Version, description, parts, weights);
    }

    /// <summary>The whole file, or null when it (or its folder) does not exist.</summary>
    private static byte[]? Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelBundleException($"Cannot read '{path}': {e.Message}", e);
        }
    }

    /// <summary>"'FILE': field 'window' is not valid: ..." when the JSON error says where it is.</summary>
    private static string? FieldOf(FormatException e, string jsonPath)
    {
        if (e.InnerException is not System.Text.Json.JsonException { Path: { Length: > 2 } path } json || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        return $"'{jsonPath}': field '{path[2..]}' is not valid: {json.Message}";
    }

    private static ModelBundleException Missing(string run) => new(
        $"No model bundle in '{run}': neither '{BundleLayout.PointerPath(run)}' nor '{Path.Combine(run, ModelBundle.DescriptionFileName)}' exists.");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
