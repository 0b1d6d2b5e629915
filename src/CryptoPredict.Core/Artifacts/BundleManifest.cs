using System.Security.Cryptography;
using System.Text;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// <c>manifest.json</c> of a published version: its name and the SHA-256 of <c>model.json</c> and
/// <c>weights.cpt</c>, so that a description edited after publishing (another window or horizon, a scaler) is refused
/// like damaged weights are. Bundles of earlier builds have no manifest; there only the weights are checked, against
/// the hash in <c>model.json</c>.
/// </summary>
internal sealed record BundleManifest(int FormatVersion, string Version, IReadOnlyDictionary<string, string> Files)
{
    public const int CurrentFormatVersion = 1;

    public static BundleManifest For(string version, byte[] description, byte[] weights) => new(
        CurrentFormatVersion,
        version,
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ModelBundle.DescriptionFileName] = Sha256(description),
            [ModelBundle.WeightsFileName] = Sha256(weights),
        });

    /// <summary>The manifest of a version made of <paramref name="files"/> (paths relative to the version folder, '/'-separated).</summary>
    public static BundleManifest ForFiles(string version, IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, bytes) in files)
        {
            hashes.Add(name, Sha256(bytes));
        }

        return new BundleManifest(CurrentFormatVersion, version, hashes);
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ArtifactJson.Serialize(this) + "\n");

    /// <summary>Parses and checks a manifest; <paramref name="path"/> names it in every error.</summary>
    public static BundleManifest Parse(byte[] bytes, string path)
    {
        BundleManifest manifest;
        try
        {
            manifest = ArtifactJson.Deserialize<BundleManifest>(Encoding.UTF8.GetString(bytes), $"'{path}'");
        }
        catch (FormatException e)
        {
            throw new ModelBundleException(e.Message, e);
        }

        if (manifest.FormatVersion != CurrentFormatVersion)
        {
            throw new ModelBundleException(
                $"'{path}': field 'format_version' is {manifest.FormatVersion}; this build reads manifest format {CurrentFormatVersion}. Retrain the model.");
        }

        if (!BundleVersion.IsValid(manifest.Version))
        {
            throw new ModelBundleException($"'{path}': field 'version' is '{manifest.Version}'; must be a version name such as {BundleVersion.Example}.");
        }

        // An ensemble's version lists its own description and every member's files instead (EnsembleBundle checks them).
        var required = manifest.Files is not null && manifest.Files.ContainsKey(EnsembleBundle.DescriptionFileName)
            ? manifest.Files.Keys.ToArray()
            : new[] { ModelBundle.DescriptionFileName, ModelBundle.WeightsFileName };
        foreach (var name in required)
        {
            if (manifest.Files is null || !manifest.Files.TryGetValue(name, out var hash) || !IsSha256(hash))
            {
                throw new ModelBundleException($"'{path}': field 'files.{name}' must be the file's SHA-256 (64 hexadecimal digits).");
            }
        }

        return manifest;
    }

    /// <summary>As <see cref="Verify(string, byte[], string, string)"/> for a file listed under <paramref name="name"/> (a path relative to the version).</summary>
    public void Verify(string name, string file, byte[] content, string manifestPath, string consequence)
    {
        if (!Files.TryGetValue(name, out var recorded) || !string.Equals(recorded, Sha256(content), StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelBundleException($"'{file}' does not match the SHA-256 recorded in '{manifestPath}' for '{name}': {consequence}");
        }
    }

    /// <summary>Throws naming both files when <paramref name="content"/> is not what the manifest recorded for <paramref name="file"/>.</summary>
    public void Verify(string file, byte[] content, string manifestPath, string consequence)
    {
        var name = Path.GetFileName(file);
        if (!string.Equals(Files[name], Sha256(content), StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelBundleException($"'{file}' does not match the SHA-256 recorded in '{manifestPath}': {consequence}");
        }
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static bool IsSha256(string? text) => text is { Length: 64 } && text.All(Uri.IsHexDigit);
}
