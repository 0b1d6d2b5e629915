using System.Text;

namespace CryptoPredict.Core.IO;

/// <summary>
/// Writes a file so that readers, and a process killed at any instant, see either the old complete file or the new
/// complete file, never a half: the content goes to a uniquely named temporary file beside the destination
/// (<c>.NAME.GUID.tmp</c>), is flushed to disk, and is renamed over the destination; the folder is flushed too where
/// the platform allows, so the rename itself survives a power cut. Every writer above the Torch binding uses this;
/// the binding keeps a private copy of its own because it cannot reference Core.
/// </summary>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temp = TemporaryPath(full);
        try
        {
            WriteDurably(temp, content);
            MoveOver(temp, full);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Utf8.GetBytes(text));
    }

    /// <summary>Writes what <paramref name="write"/> puts into the stream; the destination is untouched if it throws.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temp = WriteTemporary(full, write);
        try
        {
            MoveOver(temp, full);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Temporary files of <paramref name="path"/> that a killed writer left behind. Only a caller that knows no other
    /// process is writing <paramref name="path"/> (one holding the run lock) may delete them.
    /// </summary>
    public static IReadOnlyList<string> LeftoverTemporaryFiles(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var prefix = "." + Path.GetFileName(full) + ".";
        return Directory.EnumerateFiles(directory, prefix + "*" + TemporarySuffix)
            .Where(f => IsTemporaryName(Path.GetFileName(f), prefix))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>A new temporary file next to <paramref name="destination"/>, written by <paramref name="write"/> and flushed to disk.</summary>
    internal static string WriteTemporary(string destination, Action<Stream> write)
    {
        var temp = TemporaryPath(destination);
        try
        {
            using var stream = Create(temp);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return temp;
    }

    /// <summary>Creates <paramref name="path"/> (it must not exist) with <paramref name="content"/>, flushed to disk.</summary>
    internal static void WriteDurably(string path, ReadOnlySpan<byte> content)
    {
        using var stream = Create(path);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/> (atomic on one file system) and flushes the folder.</summary>
    internal static void MoveOver(string source, string destination)
    {
        File.Move(source, destination, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(destination))!);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temporary name never collides with a real file, and the next writer lists leftovers.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string TemporaryPath(string destination)
    {
        var directory = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}{TemporarySuffix}");
    }

    private static FileStream Create(string path) => new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);

    private static bool IsTemporaryName(string name, string prefix)
    {
        if (name.Length != prefix.Length + 32 + TemporarySuffix.Length)
        {
            return false;
        }

        return Guid.TryParseExact(name.AsSpan(prefix.Length, 32), "N", out _);
    }
}
