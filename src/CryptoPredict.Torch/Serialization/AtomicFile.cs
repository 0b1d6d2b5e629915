namespace CryptoPredict.Torch.Serialization;

/// <summary>
/// Writes a file so that readers see either the old complete file or the new complete file, never a half. The
/// binding's own primitive, for <see cref="StateFile.Save"/>: the binding cannot reference Core, whose
/// <c>CryptoPredict.Core.IO.AtomicFile</c> is the one every writer above the binding uses.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temporary name never collides with a real file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
