using System.Runtime.InteropServices;
using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch;

/// <summary>CUDA queries. On a CPU-only libtorch (Debian's) <see cref="IsAvailable"/> is false.</summary>
public static class Cuda
{
    public static bool IsAvailable
    {
        get
        {
            ErrorNative.Check(SystemNative.cp_cuda_info(out var available, out _, out _), "cuda.is_available");
            return available != 0;
        }
    }

    public static int DeviceCount
    {
        get
        {
            ErrorNative.Check(SystemNative.cp_cuda_info(out _, out var count, out _), "cuda.device_count");
            return count;
        }
    }

    public static bool IsCudnnAvailable
    {
        get
        {
            ErrorNative.Check(SystemNative.cp_cuda_info(out _, out _, out var cudnn), "cudnn.is_available");
            return cudnn != 0;
        }
    }

    public static void Synchronize(int deviceIndex = -1) => ErrorNative.Check(SystemNative.cp_cuda_synchronize(deviceIndex), "cuda.synchronize");

    /// <summary>
    /// Device names from the CUDA driver (libcuda.so.1), which every CUDA machine has; empty when there is no driver.
    /// Asked of the driver directly so the CPU build of the bridge needs no CUDA headers.
    /// </summary>
    public static unsafe IReadOnlyList<string> DeviceNames()
    {
        if (!NativeLibrary.TryLoad("libcuda.so.1", out var lib))
        {
            return [];
        }

        try
        {
            if (!NativeLibrary.TryGetExport(lib, "cuInit", out var init)
                || !NativeLibrary.TryGetExport(lib, "cuDeviceGetCount", out var getCount)
                || !NativeLibrary.TryGetExport(lib, "cuDeviceGet", out var getDevice)
                || !NativeLibrary.TryGetExport(lib, "cuDeviceGetName", out var getName))
            {
                return [];
            }

            if (((delegate* unmanaged<uint, int>)init)(0) != 0)
            {
                return [];
            }

            int count;
            if (((delegate* unmanaged<int*, int>)getCount)(&count) != 0)
            {
                return [];
            }

            var names = new List<string>(count);
            var buffer = stackalloc byte[256];
            for (var i = 0; i < count; i++)
            {
                int device;
                if (((delegate* unmanaged<int*, int, int>)getDevice)(&device, i) == 0
                    && ((delegate* unmanaged<byte*, int, int, int>)getName)(buffer, 256, device) == 0)
                {
                    names.Add(Marshal.PtrToStringUTF8((IntPtr)buffer) ?? $"cuda:{i}");
                }
            }

            return names;
        }
        finally
        {
            NativeLibrary.Free(lib);
        }
    }
}
