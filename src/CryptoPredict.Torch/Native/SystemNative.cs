using System.Runtime.InteropServices;

namespace CryptoPredict.Torch.Native;

internal static unsafe partial class SystemNative
{
    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_torch_version(out int major, out int minor, out int patch);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_build_info(byte* destination, int capacity, out int needed);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_loaded_libraries(byte* destination, int capacity, out int needed);

    [LibraryImport(NativeLibraryName.Bridge, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int cp_setenv(string name, string value, int overwrite);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_set_num_threads(int intra, int interop);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_get_num_threads(out int intra, out int interop);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_cuda_info(out int available, out int deviceCount, out int cudnn);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_cuda_synchronize(int deviceIndex);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_manual_seed(long seed);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_set_deterministic(int enabled);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_rng_get_state(int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_rng_set_state(int deviceType, int deviceIndex, TensorHandle state);

    /// <summary>Reads a text the bridge produces, growing the buffer once if needed.</summary>
    internal delegate int TextReader(byte* destination, int capacity, out int needed);

    internal static string ReadText(TextReader reader, string operation)
    {
        var buffer = new byte[4096];
        int needed;
        fixed (byte* p = buffer)
        {
            ErrorNative.Check(reader(p, buffer.Length, out needed), operation);
        }

        if (needed > buffer.Length)
        {
            buffer = new byte[needed];
            fixed (byte* p = buffer)
            {
                ErrorNative.Check(reader(p, buffer.Length, out needed), operation);
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, Math.Max(0, needed - 1));
    }
}
