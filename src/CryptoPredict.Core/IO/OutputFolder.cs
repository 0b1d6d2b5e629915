namespace CryptoPredict.Core.IO;

/// <summary>
/// Checks, before any work, that a folder a run will write to can be written: it is created when missing and a
/// probe file is created and deleted in it. A models folder that is a file, or read-only, then fails in the first
/// second instead of after the last epoch.
/// </summary>
public static class OutputFolder
{
    /// <summary>Prefix of probe files; a probe left by a kill matches the run folder's leftover pattern (<c>.*.tmp</c>).</summary>
    public const string ProbePrefix = ".write-probe.";

    /// <summary>The full path of <paramref name="directory"/>, which exists and takes files; otherwise <see cref="OutputFolderException"/>.</summary>
    public static string EnsureWritable(string directory, string role)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(role);
        var full = Path.GetFullPath(directory);
        var probe = Path.Combine(full, $"{ProbePrefix}{Guid.NewGuid():N}.tmp");
        try
        {
            if (File.Exists(full))
            {
                throw new OutputFolderException(full, $"The {role} folder '{full}' is a file, not a folder; pass another folder or remove the file.");
            }

            Directory.CreateDirectory(full);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
            }

            File.Delete(probe);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException(full, $"The {role} folder '{full}' cannot be written ({e.Message}); nothing was trained. Pass a writable folder or fix its permissions.", e);
        }
    }
}
