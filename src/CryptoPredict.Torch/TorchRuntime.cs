using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch;

/// <summary>One setting the runtime chose before libtorch loaded, with the reason, for <c>doctor</c>.</summary>
public sealed record RuntimeChoice(string Setting, string Value, string Reason);

/// <summary>Overrides for the settings <see cref="TorchRuntime"/> would choose itself.</summary>
public sealed record TorchRuntimeOptions
{
    /// <summary>libtorch intra-op threads; null = CRYPTOPREDICT_THREADS, else the measured split (all cores on Intel, 1 on AMD).</summary>
    public int? Threads { get; init; }

    /// <summary>OpenBLAS kernel family (OPENBLAS_CORETYPE); null = detect from the CPU unless the environment sets it.</summary>
    public string? BlasCoreType { get; init; }

    /// <summary>OpenBLAS threads; null = OPENBLAS_NUM_THREADS, else the measured split (1 on Intel, all cores on AMD).</summary>
    public int? BlasThreads { get; init; }

    /// <summary>
    /// Whether glibc's malloc is told to keep freed tensor memory (see <c>doctor</c>); false leaves it as it is, e.g.
    /// for a long-running process that must return memory to the system after a large batch.
    /// </summary>
    public bool TuneMalloc { get; init; } = true;
}

/// <summary>
/// Loads the bridge and chooses, before libtorch is loaded, the settings that decide CPU speed: the OpenBLAS
/// kernel family (Debian's OpenBLAS 0.3.21 misdetects recent Xeons as "Prescott") and thread counts that do not
/// oversubscribe the cores. Environment variables are set through libc's setenv, because
/// Environment.SetEnvironmentVariable does not reach native code on Linux.
/// </summary>
public static partial class TorchRuntime
{
    public const string ThreadsVariable = "CRYPTOPREDICT_THREADS";
    public const string NativePathVariable = "CRYPTOPREDICT_NATIVE_PATH";
    private const string BridgeFile = "libcptorch.so";

    private static readonly Lock Gate = new();
    private static TorchRuntimeOptions s_options = new();
    private static IntPtr s_bridge;
    private static string? s_bridgePath;
    private static readonly List<RuntimeChoice> s_choices = [];
    private static readonly List<string> s_tried = [];

#pragma warning disable CA2255 // the resolver must be in place before the first P/Invoke of any caller
    [ModuleInitializer]
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(TorchRuntime).Assembly, Resolve);
#pragma warning restore CA2255

    /// <summary>True once the bridge (and with it libtorch) has been loaded.</summary>
    public static bool IsLoaded => s_bridge != IntPtr.Zero;

    /// <summary>Where the bridge was loaded from, once loaded.</summary>
    public static string? BridgePath => s_bridgePath;

    /// <summary>The settings chosen at load time and why.</summary>
    public static IReadOnlyList<RuntimeChoice> Choices
    {
        get
        {
            EnsureLoaded();
            lock (Gate)
            {
                return [.. s_choices];
            }
        }
    }

    /// <summary>
    /// Sets overrides. Must be called before the first tensor operation; afterwards only the thread count can
    /// still change, and asking for other changes throws.
    /// </summary>
    public static void Configure(TorchRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (Gate)
        {
            if (!IsLoaded)
            {
                s_options = options;
                return;
            }

            if (options.BlasCoreType is not null || options.BlasThreads is not null)
            {
                throw new InvalidOperationException("BLAS settings must be configured before libtorch is loaded (before the first tensor operation).");
            }
        }

        if (options.Threads is int threads)
        {
            Torch.SetNumThreads(threads);
            Record("torch intra-op threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "set by the caller after load");
        }
    }

    /// <summary>Loads the bridge now (normally done on first use).</summary>
    public static void EnsureLoaded()
    {
        if (!IsLoaded)
        {
            _ = Resolve(NativeLibraryName.Bridge, typeof(TorchRuntime).Assembly, null);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != NativeLibraryName.Bridge)
        {
            return IntPtr.Zero;
        }

        lock (Gate)
        {
            if (s_bridge != IntPtr.Zero)
            {
                return s_bridge;
            }

            ChooseEnvironment();
            foreach (var candidate in Candidates())
            {
                s_tried.Add(candidate);
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                {
                    s_bridgePath = candidate;
                    s_bridge = handle;
                    ApplyThreads();
                    ApplyMalloc();
                    return handle;
                }
            }

            throw new DllNotFoundException(
                $"The libtorch bridge {BridgeFile} could not be loaded. Looked in: {string.Join(", ", s_tried)}. " +
                "Build it with `dotnet build` (needs libtorch: sudo apt-get install -y libtorch-dev libopenblas0-pthread cmake g++), " +
                $"or point {NativePathVariable} at it. If the file exists, check its libtorch dependencies with `ldd`.");
        }
    }

    private static IEnumerable<string> Candidates()
    {
        var custom = Environment.GetEnvironmentVariable(NativePathVariable);
        if (!string.IsNullOrEmpty(custom))
        {
            yield return Directory.Exists(custom) ? Path.Combine(custom, BridgeFile) : custom;
        }

        var baseDir = AppContext.BaseDirectory;
        yield return Path.Combine(baseDir, BridgeFile);
        yield return Path.Combine(baseDir, "runtimes", "linux-x64", "native", BridgeFile);
    }

    private static void ChooseEnvironment()
    {
        var inherited = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE");
        if (s_options.BlasCoreType is { } forced)
        {
            SetNative("OPENBLAS_CORETYPE", forced);
            Record("OPENBLAS_CORETYPE", forced, "set by the caller");
        }
        else if (!string.IsNullOrEmpty(inherited))
        {
            Record("OPENBLAS_CORETYPE", inherited, "set in the environment; left as it is");
        }
        else if (Avx512F.IsSupported && Avx512BW.IsSupported)
        {
            SetNative("OPENBLAS_CORETYPE", "SkylakeX");
            Record("OPENBLAS_CORETYPE", "SkylakeX", "the CPU has AVX-512 (F, BW); OpenBLAS 0.3.21 would misdetect it and run generic Prescott kernels (~5x slower GEMM)");
        }
        else if (Avx2.IsSupported && Fma.IsSupported)
        {
            SetNative("OPENBLAS_CORETYPE", "Haswell");
            Record("OPENBLAS_CORETYPE", "Haswell", "the CPU has AVX2 and FMA but no AVX-512");
        }
        else
        {
            Record("OPENBLAS_CORETYPE", "(unset)", "no AVX2: OpenBLAS's own detection is used");
        }

        var inheritedBlasThreads = Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS");
        var split = ChooseThreadSplit();
        if (s_options.BlasThreads is int blasThreads)
        {
            SetNative("OPENBLAS_NUM_THREADS", Invariant(blasThreads));
            Record("OPENBLAS_NUM_THREADS", Invariant(blasThreads), "set by the caller");
        }
        else if (!string.IsNullOrEmpty(inheritedBlasThreads))
        {
            Record("OPENBLAS_NUM_THREADS", inheritedBlasThreads, "set in the environment; left as it is");
        }
        else
        {
            SetNative("OPENBLAS_NUM_THREADS", Invariant(split.Blas));
            Record("OPENBLAS_NUM_THREADS", Invariant(split.Blas), split.Reason);
        }
    }

    /// <summary>
    /// libtorch's intra-op pool and OpenBLAS's pool must not both use every core (both-at-N measured 2-4x slower).
    /// Which one gets the cores was measured per CPU family: on Intel (Emerald Rapids, shared/notes/cpu-performance.md)
    /// N torch threads with 1 BLAS thread won by 5-20%; on AMD (Zen 5, bench/README.md) 1 torch thread with N BLAS
    /// threads won by 15-25%, because the recurrent GEMMs, not the element-wise ops, hold the time there.
    /// </summary>
    private static (int Torch, int Blas, string Reason) ChooseThreadSplit()
    {
        var cores = Environment.ProcessorCount;
        if (cores <= 1)
        {
            return (1, 1, "one core: one thread in each pool");
        }

        return IsAmd()
            ? (1, cores, $"AMD CPU: OpenBLAS gets the {cores} cores for the GEMMs, libtorch 1 thread (measured fastest on Zen 5; both pools on all cores oversubscribe)")
            : (cores, 1, $"libtorch gets the {cores} cores, OpenBLAS 1 thread (measured fastest on Intel Xeon; both pools on all cores oversubscribe)");
    }

    private static bool IsAmd()
    {
        if (!X86Base.IsSupported)
        {
            return false;
        }

        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        Span<byte> vendor = stackalloc byte[12];
        BitConverter.TryWriteBytes(vendor[..4], ebx);
        BitConverter.TryWriteBytes(vendor[4..8], edx);
        BitConverter.TryWriteBytes(vendor[8..], ecx);
        return vendor.SequenceEqual("AuthenticAMD"u8);
    }

    private static void ApplyThreads()
    {
        string reason;
        int threads;
        if (s_options.Threads is int forced)
        {
            threads = forced;
            reason = "set by the caller";
        }
        else if (int.TryParse(Environment.GetEnvironmentVariable(ThreadsVariable), out var fromEnv) && fromEnv > 0)
        {
            threads = fromEnv;
            reason = $"set by {ThreadsVariable}";
        }
        else
        {
            (threads, _, reason) = ChooseThreadSplit();
        }

        var status = SystemNative.cp_set_num_threads(threads, 0);
        ErrorNative.Check(status, "set_num_threads");
        Record("torch intra-op threads", Invariant(threads), reason);
    }

    // glibc's malloc, which libtorch's CPU tensors come from, returns freed memory above 128 KiB to the kernel (mmap,
    // or trimming the heap top) and faults it in again, zeroed, on the next step: 5-15% of a training step here.
    // Keeping it is worth the memory: tensors up to 32 MiB (glibc's largest heap threshold) are reused from the heap.
    private static readonly (string Variable, int Option, long Value)[] MallocSettings =
    [
        ("MALLOC_MMAP_THRESHOLD_", -3, 32L << 20),
        ("MALLOC_TRIM_THRESHOLD_", -1, 1L << 30),
        ("MALLOC_TOP_PAD_", -2, 64L << 20),
    ];

    private static void ApplyMalloc()
    {
        foreach (var step in PlanMalloc(Environment.GetEnvironmentVariable, s_options.TuneMalloc))
        {
            var value = step.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (step.Skip is not null)
            {
                Record(step.Variable, step.Inherited ?? "(unchanged)", step.Skip);
            }
            else if (LibC.mallopt(step.Option, (int)step.Value) == 1)
            {
                Record(step.Variable, value,
                    "glibc malloc keeps freed tensor memory for reuse instead of unmapping and faulting it in again every step");
            }
            else
            {
                Record(step.Variable, "(unchanged)", $"mallopt refused {value} (not glibc's malloc?)");
            }
        }
    }

    /// <summary>One malloc setting: applied when <see cref="Skip"/> is null, otherwise left alone for that reason.</summary>
    internal readonly record struct MallocStep(string Variable, int Option, long Value, string? Inherited, string? Skip);

    /// <summary>
    /// What to do with each malloc setting. Left alone: all of them when the caller turned tuning off or glibc
    /// tunables already set malloc options (GLIBC_TUNABLES=glibc.malloc.*), or when a preloaded allocator (jemalloc,
    /// tcmalloc) replaces glibc's; one that its MALLOC_* variable already set.
    /// </summary>
    internal static IReadOnlyList<MallocStep> PlanMalloc(Func<string, string?> environment, bool tune)
    {
        var tunables = environment("GLIBC_TUNABLES");
        var preload = environment("LD_PRELOAD");
        string? all = !tune ? "turned off by the caller (TorchRuntimeOptions.TuneMalloc = false)"
            : tunables?.Contains("glibc.malloc.", StringComparison.Ordinal) == true ? $"GLIBC_TUNABLES sets malloc options ({tunables}); left as they are"
            : preload is not null && (preload.Contains("jemalloc", StringComparison.Ordinal) || preload.Contains("tcmalloc", StringComparison.Ordinal) || preload.Contains("mimalloc", StringComparison.Ordinal))
                ? $"another allocator is preloaded ({preload}); glibc's malloc settings would not apply"
            : null;
        var steps = new List<MallocStep>(MallocSettings.Length);
        foreach (var (variable, option, value) in MallocSettings)
        {
            var inherited = environment(variable);
            var skip = all ?? (string.IsNullOrEmpty(inherited) ? null : "set in the environment (glibc read it at start-up); left as it is");
            steps.Add(new MallocStep(variable, option, value, string.IsNullOrEmpty(inherited) ? null : inherited, skip));
        }

        return steps;
    }

    private static void Record(string setting, string value, string reason)
    {
        lock (Gate)
        {
            s_choices.RemoveAll(c => c.Setting == setting);
            s_choices.Add(new RuntimeChoice(setting, value, reason));
        }
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void SetNative(string name, string value)
    {
        if (LibC.setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed.");
        }
    }

    private static partial class LibC
    {
        [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int setenv(string name, string value, int overwrite);

        [LibraryImport("libc.so.6")]
        internal static partial int mallopt(int param, int value);
    }
}
