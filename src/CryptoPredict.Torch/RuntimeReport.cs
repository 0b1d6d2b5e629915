using System.Runtime.InteropServices;
using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch;

/// <summary>What <c>doctor</c> reports about the engine: versions, devices, threads, BLAS and where things were loaded from.</summary>
public sealed record RuntimeReport(
    string LibTorchVersion,
    string BuildFlavour,
    bool CudaAvailable,
    int CudaDeviceCount,
    IReadOnlyList<string> CudaDeviceNames,
    bool CudnnAvailable,
    int IntraOpThreads,
    int InterOpThreads,
    string Blas,
    string? BridgePath,
    IReadOnlyList<string> LoadedLibraries,
    IReadOnlyList<RuntimeChoice> Choices)
{
    public static RuntimeReport Collect()
    {
        TorchRuntime.EnsureLoaded();
        var build = ReadBuildInfo();
        var libraries = ReadLoadedLibraries();
        var cuda = Cuda.IsAvailable;
        var flavour = build.Contains("USE_CUDA=ON", StringComparison.Ordinal) || build.Contains("CUDA Runtime", StringComparison.Ordinal) || cuda ? "CUDA" : "CPU";
        return new RuntimeReport(
            Torch.LibTorchVersion.ToString(),
            flavour,
            cuda,
            Cuda.DeviceCount,
            cuda ? Cuda.DeviceNames() : [],
            Cuda.IsCudnnAvailable,
            Torch.GetNumThreads(),
            Torch.GetNumInteropThreads(),
            DescribeBlas(libraries, build),
            TorchRuntime.BridgePath,
            libraries,
            TorchRuntime.Choices);
    }

    private static unsafe string ReadBuildInfo() => SystemNative.ReadText(SystemNative.cp_build_info, "build info");

    private static unsafe string[] ReadLoadedLibraries() =>
        SystemNative.ReadText(SystemNative.cp_loaded_libraries, "loaded libraries").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Asks OpenBLAS itself (when it is the BLAS in the process) which kernels and threads it uses.</summary>
    private static unsafe string DescribeBlas(IEnumerable<string> libraries, string build)
    {
        foreach (var path in libraries.Where(l => l.Contains("blas", StringComparison.OrdinalIgnoreCase)))
        {
            if (!NativeLibrary.TryLoad(path, out var lib))
            {
                continue;
            }

            try
            {
                if (NativeLibrary.TryGetExport(lib, "openblas_get_corename", out var coreName)
                    && NativeLibrary.TryGetExport(lib, "openblas_get_num_threads", out var threads))
                {
                    var core = Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr>)coreName)()) ?? "?";
                    var n = ((delegate* unmanaged<int>)threads)();
                    var config = NativeLibrary.TryGetExport(lib, "openblas_get_config", out var cfg)
                        ? Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr>)cfg)()) ?? ""
                        : "";
                    return $"OpenBLAS ({config.Trim()}), kernels {core}, {n} thread(s), via {path}";
                }
            }
            finally
            {
                NativeLibrary.Free(lib);
            }
        }

        var line = build.Split('\n').FirstOrDefault(l => l.Contains("BLAS_INFO", StringComparison.Ordinal));
        return line?.Trim() ?? "unknown";
    }
}
