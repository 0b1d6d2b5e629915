using System.Runtime.InteropServices;

namespace CryptoPredict.Torch.Native;

internal static partial class ErrorNative
{
    [LibraryImport(NativeLibraryName.Bridge)]
    private static partial IntPtr cp_last_error();

    /// <summary>Turns a non-zero bridge status into a <see cref="TorchException"/> (same thread, right after the call).</summary>
    public static void Check(int status, string operation)
    {
        if (status != 0)
        {
            throw new TorchException(operation, Marshal.PtrToStringUTF8(cp_last_error()) ?? "unknown native error");
        }
    }
}
