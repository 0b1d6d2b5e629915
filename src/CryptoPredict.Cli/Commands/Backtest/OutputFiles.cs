namespace CryptoPredict.Cli.Commands;

/// <summary>
/// Checks, before anything is computed, that an output file the user named can be written: its folder exists and
/// takes a file (a probe is created and deleted), and the path itself is not a folder. So a backtest never runs for
/// minutes to fail at its last step, and never leaves one output written and the other not.
/// </summary>
internal static class OutputFiles
{
    /// <summary>Why <paramref name="path"/> cannot be written, in words; null when it can.</summary>
    public static string? Problem(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"is not a usable path ({e.Message})";
        }

        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return $"folder '{directory}' does not exist";
        }

        if (Directory.Exists(full))
        {
            return "is a folder";
        }

        var probe = Path.Combine(directory, $".write-probe.{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
            }

            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"folder '{directory}' cannot be written ({e.Message})";
        }
    }
}
