using System.Text.RegularExpressions;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// Removes what killed publishes of one run left behind: staging folders and pointer temp files whose publisher is
/// gone (see <see cref="StagingClaim"/>), half-deleted pruned versions, and the <c>RUN.tmp-*</c> / <c>RUN.old-*</c>
/// folders of the layout before versions (which have no owner to ask, so only once untouched for
/// <see cref="LegacyAge"/>). Never touches a file it does not recognise, and never fails a publish: what cannot be
/// removed now is tried again next time.
/// </summary>
internal static partial class BundleLeftovers
{
    public const string PrunedPrefix = ".pruned-";

    /// <summary>The old layout's swap took well under a second; an hour without a write means its process is gone.</summary>
    public static readonly TimeSpan LegacyAge = TimeSpan.FromHours(1);

    [GeneratedRegex(@"^\.staging-([0-9]+-[0-9a-f]{8})(\.lock)?$")]
    private static partial Regex StagingPattern();

    [GeneratedRegex(@"^\.current\.([0-9]+-[0-9a-f]{8})\.tmp$")]
    private static partial Regex PointerTempPattern();

    [GeneratedRegex(@"^\.pruned-[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}-[0-9a-f]{8}$")]
    private static partial Regex PrunedPattern();

    [GeneratedRegex(@"^\.(tmp|old)-[0-9a-f]{8}$")]
    private static partial Regex LegacySuffixPattern();

    /// <summary>Cleans <paramref name="runDirectory"/>, sparing the claim <paramref name="ownId"/> of the caller.</summary>
    public static void Clean(string runDirectory, string ownId)
    {
        var versions = BundleLayout.VersionsPath(runDirectory);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in Names(versions))
        {
            var staging = StagingPattern().Match(entry);
            if (staging.Success && staging.Groups[1].Value != ownId)
            {
                ids.Add(staging.Groups[1].Value);
            }
            else if (PrunedPattern().IsMatch(entry))
            {
                TryDeleteDirectory(Path.Combine(versions, entry));
            }
        }

        foreach (var entry in Names(runDirectory))
        {
            var temp = PointerTempPattern().Match(entry);
            if (temp.Success && temp.Groups[1].Value != ownId)
            {
                ids.Add(temp.Groups[1].Value);
            }
        }

        foreach (var id in ids)
        {
            var staging = Path.Combine(versions, StagingClaim.Prefix + id);
            var pointerTemp = BundleLayout.PointerTempPath(runDirectory, id);
            using var abandoned = StagingClaim.TakeOver(versions, id, NewestWrite(staging, pointerTemp, StagingClaim.LockPathOf(versions, id)));
            if (abandoned is null)
            {
                continue;
            }

            TryDeleteDirectory(staging);
            TryDeleteFile(pointerTemp);
        }

        CleanLegacy(runDirectory);
    }

    private static void CleanLegacy(string runDirectory)
    {
        var modelsRoot = Path.GetDirectoryName(runDirectory);
        if (modelsRoot is null || !Directory.Exists(modelsRoot))
        {
            return;
        }

        var run = Path.GetFileName(runDirectory);
        foreach (var directory in Directory.EnumerateDirectories(modelsRoot, run + ".*"))
        {
            var suffix = Path.GetFileName(directory)[run.Length..];
            if (LegacySuffixPattern().IsMatch(suffix) && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) > LegacyAge)
            {
                TryDeleteDirectory(directory);
            }
        }
    }

    private static string[] Names(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory, ".*").Select(p => Path.GetFileName(p)).ToArray()
            : [];

    private static DateTime NewestWrite(params string[] paths) =>
        paths.Select(p => Directory.Exists(p) ? Directory.GetLastWriteTimeUtc(p) : File.Exists(p) ? File.GetLastWriteTimeUtc(p) : DateTime.MinValue).Max();

    internal static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Another publisher may be deleting the same leftover; whatever remains is tried again next time.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
