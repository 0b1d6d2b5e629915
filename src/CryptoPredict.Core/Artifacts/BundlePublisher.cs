using System.Text;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// Publishes a bundle so that readers see the old one or the new one, whole, never a mix and never none: the new
/// version is written completely into a private staging folder, renamed to <c>versions/VERSION</c>, and only then
/// named by the <c>current</c> pointer, whose replacement is one atomic rename. Versions are never modified after
/// that; the two before the current one are kept (a reader may still be opening them), older ones are pruned.
/// Fault points (see <see cref="FaultPoint"/>) mark each step for kill tests.
/// </summary>
internal static class BundlePublisher
{
    public const string StagedPoint = "bundle.publish.staged";
    public const string PlacedPoint = "bundle.publish.placed";
    public const string PointerWrittenPoint = "bundle.publish.pointer-written";
    public const string PointerRenamedPoint = "bundle.publish.pointer-renamed";
    public const string PruningPoint = "bundle.publish.pruning";

    public static string Publish(string runDirectory, ModelDescription description, byte[] weights, int previousVersionsKept)
    {
        var run = Path.GetFullPath(runDirectory);
        var versions = BundleLayout.VersionsPath(run);
        var sealedDescription = description with { WeightsFile = ModelBundle.WeightsFileName, WeightsSha256 = BundleManifest.Sha256(weights) };
        var json = Encoding.UTF8.GetBytes(ArtifactJson.Serialize(sealedDescription) + "\n");

        // What Load would refuse is never published: the same rules, on the very bytes about to be written.
        ModelDescriptionValidator.Validate(
            ArtifactJson.Deserialize<ModelDescription>(Encoding.UTF8.GetString(json), "the new model.json"),
            Path.Combine(versions, "(new version)", ModelBundle.DescriptionFileName));

        // A folder that cannot be written surfaces as the IOException or UnauthorizedAccessException itself, which
        // names the path, as every other write of a run does.
        string versionPath;
        Directory.CreateDirectory(versions);
        using (var claim = StagingClaim.Take(versions))
        {
            BundleLeftovers.Clean(run, claim.Id);
            var version = BundleVersion.Next(BundleLayout.Versions(run), DateTime.UtcNow);
            versionPath = BundleLayout.VersionPath(run, version);
            Place(run, claim, version, json, weights);
        }

        FaultPoint.Hit(PruningPoint);
        Prune(run, previousVersionsKept);
        return versionPath;
    }

    /// <summary>
    /// Publishes a version made of <paramref name="files"/> (paths relative to the version folder, '/'-separated, the
    /// description last so a reader never sees it before what it names), with the same staging, pointer and pruning
    /// as a single model; the caller has validated them.
    /// </summary>
    public static string PublishFiles(string runDirectory, IReadOnlyList<KeyValuePair<string, byte[]>> files, int previousVersionsKept)
    {
        var run = Path.GetFullPath(runDirectory);
        var versions = BundleLayout.VersionsPath(run);
        string versionPath;
        Directory.CreateDirectory(versions);
        using (var claim = StagingClaim.Take(versions))
        {
            BundleLeftovers.Clean(run, claim.Id);
            var version = BundleVersion.Next(BundleLayout.Versions(run), DateTime.UtcNow);
            versionPath = BundleLayout.VersionPath(run, version);
            Place(run, claim, version, files);
        }

        FaultPoint.Hit(PruningPoint);
        Prune(run, previousVersionsKept);
        return versionPath;
    }

    private static void Place(string run, StagingClaim claim, string version, byte[] json, byte[] weights) =>
        Place(run, claim, version, [new(ModelBundle.WeightsFileName, weights), new(ModelBundle.DescriptionFileName, json)]);

    private static void Place(string run, StagingClaim claim, string version, IReadOnlyList<KeyValuePair<string, byte[]>> files)
    {
        var versionPath = BundleLayout.VersionPath(run, version);
        var pointerTemp = BundleLayout.PointerTempPath(run, claim.Id);
        var published = false;
        try
        {
            Directory.CreateDirectory(claim.StagingPath);
            foreach (var (name, bytes) in files)
            {
                var path = Path.Combine(claim.StagingPath, name.Replace('/', Path.DirectorySeparatorChar));
                var folder = Path.GetDirectoryName(path)!;
                if (!string.Equals(folder, claim.StagingPath, StringComparison.Ordinal))
                {
                    Directory.CreateDirectory(folder);
                }

                AtomicFile.WriteDurably(path, bytes);
                if (!string.Equals(folder, claim.StagingPath, StringComparison.Ordinal))
                {
                    DirectorySync.Flush(folder);
                }
            }

            AtomicFile.WriteDurably(Path.Combine(claim.StagingPath, ModelBundle.ManifestFileName), BundleManifest.ForFiles(version, files).ToBytes());
            DirectorySync.Flush(claim.StagingPath);
            FaultPoint.Hit(StagedPoint);

            Directory.Move(claim.StagingPath, versionPath);
            DirectorySync.Flush(BundleLayout.VersionsPath(run));
            FaultPoint.Hit(PlacedPoint);

            AtomicFile.WriteDurably(pointerTemp, Encoding.UTF8.GetBytes(version + "\n"));
            FaultPoint.Hit(PointerWrittenPoint);

            AtomicFile.MoveOver(pointerTemp, BundleLayout.PointerPath(run));
            published = true;
            FaultPoint.Hit(PointerRenamedPoint);
        }
        catch when (!published)
        {
            // A failed publish leaves nothing: no staging folder, no temp pointer, no version the pointer never named.
            BundleLeftovers.TryDeleteDirectory(claim.StagingPath);
            AtomicFile.TryDelete(pointerTemp);
            BundleLeftovers.TryDeleteDirectory(versionPath);
            throw;
        }
    }

    /// <summary>
    /// Deletes versions older than the current one beyond the <paramref name="previousVersionsKept"/> newest of
    /// them. Versions newer than the current one are kept: they belong to a concurrent publish about to name them
    /// (or to one that was killed; they are pruned once a later version is current). Each goes by one rename to a
    /// <c>.pruned-</c> name first, so a reader finds a version whole or not at all.
    /// </summary>
    private static void Prune(string run, int previousVersionsKept)
    {
        var current = BundleReader.TryReadPointer(run);
        var all = BundleLayout.Versions(run);
        var index = current is null ? -1 : IndexOf(all, current);
        if (index < 0)
        {
            return;
        }

        for (var i = 0; i < index - previousVersionsKept; i++)
        {
            var doomed = BundleLayout.VersionPath(run, all[i]);
            var pruned = Path.Combine(BundleLayout.VersionsPath(run), $"{BundleLeftovers.PrunedPrefix}{all[i]}-{BundleVersion.RandomSuffix()}");
            try
            {
                Directory.Move(doomed, pruned);
            }
            catch (IOException)
            {
                // A concurrent publish pruned it first.
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            BundleLeftovers.TryDeleteDirectory(pruned);
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
