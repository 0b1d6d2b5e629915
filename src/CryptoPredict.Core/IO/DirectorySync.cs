using System.Runtime.InteropServices;

namespace CryptoPredict.Core.IO;

/// <summary>
/// Flushes a folder's entries to disk, so that a rename into it survives a power cut and not only a killed process.
/// .NET has no API for it (a folder cannot be opened as a stream), so on Linux this is <c>open</c> + <c>fsync</c>
/// from glibc; elsewhere, or where the call fails, it does nothing: the rename is still atomic, only its
/// durability across a power cut is then the file system's default.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    private static bool s_unavailable = !OperatingSystem.IsLinux();

    public static void Flush(string directory)
    {
        if (s_unavailable)
        {
            return;
        }

        try
        {
            var descriptor = LibC.open(directory, ReadOnly);
            if (descriptor < 0)
            {
                return;
            }

            _ = LibC.fsync(descriptor);
            _ = LibC.close(descriptor);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, say): no folder flush, as on other platforms.
            s_unavailable = true;
        }
    }

    private static partial class LibC
    {
        [LibraryImport("libc.so.6", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int open(string path, int flags);

        [LibraryImport("libc.so.6", EntryPoint = "fsync")]
        internal static partial int fsync(int descriptor);

        [LibraryImport("libc.so.6", EntryPoint = "close")]
        internal static partial int close(int descriptor);
    }
}
