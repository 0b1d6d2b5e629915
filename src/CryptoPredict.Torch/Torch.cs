using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch;

/// <summary>Tensor factories and process-wide switches, shaped like TorchSharp's <c>torch</c> class.</summary>
public static partial class Torch
{
    // ---- from data -----------------------------------------------------------------------------

    public static unsafe Tensor FromArray(ReadOnlySpan<float> data, params ReadOnlySpan<long> shape)
    {
        fixed (float* d = data)
        fixed (long* s = shape)
        {
            return Tensor.Wrap(TensorNative.cp_tensor_from_f32(d, data.Length, s, shape.Length, out var h), h, "tensor(float32)");
        }
    }

    public static unsafe Tensor FromArray(ReadOnlySpan<double> data, params ReadOnlySpan<long> shape)
    {
        fixed (double* d = data)
        fixed (long* s = shape)
        {
            return Tensor.Wrap(TensorNative.cp_tensor_from_f64(d, data.Length, s, shape.Length, out var h), h, "tensor(float64)");
        }
    }

    public static unsafe Tensor FromArray(ReadOnlySpan<long> data, params ReadOnlySpan<long> shape)
    {
        fixed (long* d = data)
        fixed (long* s = shape)
        {
            return Tensor.Wrap(TensorNative.cp_tensor_from_i64(d, data.Length, s, shape.Length, out var h), h, "tensor(int64)");
        }
    }

    public static unsafe Tensor FromArray(ReadOnlySpan<bool> data, params ReadOnlySpan<long> shape)
    {
        var bytes = new byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            bytes[i] = data[i] ? (byte)1 : (byte)0;
        }

        fixed (byte* d = bytes)
        fixed (long* s = shape)
        {
            return Tensor.Wrap(TensorNative.cp_tensor_from_u8(d, bytes.Length, s, shape.Length, 1, out var h), h, "tensor(bool)");
        }
    }

    public static unsafe Tensor FromBytes(ReadOnlySpan<byte> data, params ReadOnlySpan<long> shape)
    {
        fixed (byte* d = data)
        fixed (long* s = shape)
        {
            return Tensor.Wrap(TensorNative.cp_tensor_from_u8(d, data.Length, s, shape.Length, 0, out var h), h, "tensor(uint8)");
        }
    }

    /// <summary>A one-dimensional tensor holding <paramref name="data"/>.</summary>
    public static Tensor FromArray(float[] data) => FromArray((ReadOnlySpan<float>)data, [data?.Length ?? 0]);

    public static Tensor FromArray(long[] data) => FromArray((ReadOnlySpan<long>)data, [data?.Length ?? 0]);

    // ---- factories -----------------------------------------------------------------------------

    private static unsafe Tensor Factory(FactoryKind kind, ReadOnlySpan<long> shape, ScalarType dtype, Device? device, double value, string name)
    {
        var d = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            return Tensor.Wrap(TensorNative.cp_tensor_factory((int)kind, s, shape.Length, (int)dtype, (int)d.Type, d.Index, value, out var h), h, name);
        }
    }

    public static Tensor Zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Factory(FactoryKind.Zeros, shape, dtype, device, 0, "zeros");

    public static Tensor Ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Factory(FactoryKind.Ones, shape, dtype, device, 0, "ones");

    /// <summary>Standard normal samples from the global (seeded) generator.</summary>
    public static Tensor Randn(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Factory(FactoryKind.Randn, shape, dtype, device, 0, "randn");

    /// <summary>Uniform samples in [0, 1) from the global (seeded) generator.</summary>
    public static Tensor Rand(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Factory(FactoryKind.Rand, shape, dtype, device, 0, "rand");

    public static Tensor Empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) => Factory(FactoryKind.Empty, shape, dtype, device, 0, "empty");

    public static Tensor Full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null) => Factory(FactoryKind.Full, shape, dtype, device, value, "full");

    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return Tensor.Wrap(TensorNative.cp_tensor_arange(start, end, step, (int)dtype, (int)d.Type, d.Index, out var h), h, "arange");
    }

    // ---- joins ---------------------------------------------------------------------------------

    private static unsafe Tensor Join(int op, IReadOnlyList<Tensor> tensors, long dim, string name)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var raw = new IntPtr[tensors.Count];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = tensors[i].Handle.DangerousGetHandle();
        }

        fixed (IntPtr* p = raw)
        {
            var status = TensorNative.cp_join(op, p, raw.Length, dim, out var h);
            GC.KeepAlive(tensors);
            return Tensor.Wrap(status, h, name);
        }
    }

    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(0, tensors, dim, "cat");

    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(1, tensors, dim, "stack");

    public static Tensor Where(Tensor condition, Tensor ifTrue, Tensor ifFalse)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(ifTrue);
        ArgumentNullException.ThrowIfNull(ifFalse);
        return Tensor.Wrap(TensorNative.cp_where(condition.Handle, ifTrue.Handle, ifFalse.Handle, out var h), h, "where");
    }

    // ---- scopes --------------------------------------------------------------------------------

    /// <summary>Starts a scope that frees every tensor created in it on this thread (see <see cref="DisposeScope"/>).</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Disables gradient recording until the returned scope is disposed.</summary>
    public static IDisposable NoGrad() => new GradModeScope(false);

    /// <summary>Enables gradient recording until the returned scope is disposed.</summary>
    public static IDisposable EnableGrad() => new GradModeScope(true);

    private sealed class GradModeScope : IDisposable
    {
        private readonly int _previous;
        private bool _disposed;

        public GradModeScope(bool enabled) => ErrorNative.Check(TensorNative.cp_grad_mode_set(enabled ? 1 : 0, out _previous), "grad mode");

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                ErrorNative.Check(TensorNative.cp_grad_mode_set(_previous, out _), "grad mode");
            }
        }
    }

    // ---- process-wide state ----------------------------------------------------------------------

    /// <summary>Number of native tensors currently owned by handles (for leak tests).</summary>
    public static long LiveTensorCount => TensorNative.cp_live_tensor_count();

    /// <summary>Seeds the CPU generator and every CUDA device's generator.</summary>
    public static void ManualSeed(long seed) => ErrorNative.Check(SystemNative.cp_manual_seed(seed), "manual_seed");

    /// <summary>Makes libtorch pick deterministic kernels (throws for ops that have none).</summary>
    public static void UseDeterministicAlgorithms(bool enabled) => ErrorNative.Check(SystemNative.cp_set_deterministic(enabled ? 1 : 0), "deterministic algorithms");

    /// <summary>The generator state of <paramref name="device"/> (CPU by default) as bytes, to store in a checkpoint.</summary>
    public static byte[] GetRngState(Device? device = null)
    {
        var d = device ?? Device.Cpu;
        using var state = Tensor.Wrap(SystemNative.cp_rng_get_state((int)d.Type, d.Index, out var h), h, $"rng state ({d})");
        return state.ToArray<byte>();
    }

    public static void SetRngState(byte[] state, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var d = device ?? Device.Cpu;
        using var tensor = FromBytes(state, state.Length);
        ErrorNative.Check(SystemNative.cp_rng_set_state((int)d.Type, d.Index, tensor.Handle), $"set rng state ({d})");
    }

    /// <summary>Sets libtorch's intra-op thread count (and inter-op, once, before any parallel work).</summary>
    public static void SetNumThreads(int intraOp, int interOp = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOp, 1);
        ErrorNative.Check(SystemNative.cp_set_num_threads(intraOp, interOp), "set_num_threads");
    }

    public static int GetNumThreads()
    {
        ErrorNative.Check(SystemNative.cp_get_num_threads(out var intra, out _), "get_num_threads");
        return intra;
    }

    public static int GetNumInteropThreads()
    {
        ErrorNative.Check(SystemNative.cp_get_num_threads(out _, out var interop), "get_num_interop_threads");
        return interop;
    }

    /// <summary>The libtorch version the bridge was compiled against, e.g. 1.13.0.</summary>
    public static Version LibTorchVersion
    {
        get
        {
            ErrorNative.Check(SystemNative.cp_torch_version(out var major, out var minor, out var patch), "version");
            return new Version(major, minor, patch);
        }
    }
}
