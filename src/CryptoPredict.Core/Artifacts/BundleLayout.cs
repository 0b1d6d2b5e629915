namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// Where the parts of a run's bundles live:
/// <code>
/// models/SYMBOL_INTERVAL_MODEL/
///   current                      the published version's name, one line; replaced by one atomic rename
///   versions/VERSION/            model.json, weights.cpt, manifest.json; never changed once published
///   versions/.staging-ID/        a publish in progress (ID = pid-random), with its lock .staging-ID.lock
///   .current.ID.tmp              the next pointer, before its rename
///   model.json, weights.cpt      a bundle of an earlier build (read when there is no pointer; never deleted)
/// </code>
/// Nothing else in the folder is the bundle's: checkpoints may share it (<c>--checkpoints-dir</c> equal to
/// <c>--models-dir</c>), so publishing creates and removes only these names.
/// </summary>
internal static class BundleLayout
{
    public static string PointerPath(string runDirectory) => Path.Combine(runDirectory, ModelBundle.PointerFileName);

    public static string PointerTempPath(string runDirectory, string claimId) => Path.Combine(runDirectory, $".{ModelBundle.PointerFileName}.{claimId}.tmp");

    public static string VersionsPath(string runDirectory) => Path.Combine(runDirectory, ModelBundle.VersionsFolderName);

    public static string VersionPath(string runDirectory, string version) => Path.Combine(VersionsPath(runDirectory), version);

    /// <summary>Published versions (folders with a valid version name), oldest first.</summary>
    public static IReadOnlyList<string> Versions(string runDirectory)
    {
        var versions = VersionsPath(runDirectory);
        return Directory.Exists(versions)
            ? Directory.EnumerateDirectories(versions).Select(d => Path.GetFileName(d)).Where(BundleVersion.IsValid).Order(StringComparer.Ordinal).ToArray()
            : [];
    }
}
