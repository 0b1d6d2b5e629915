using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch;

/// <summary>
/// A libtorch tensor. Owns one native reference through a <see cref="SafeHandle"/>; it is freed by
/// <see cref="Dispose"/>, by the innermost <see cref="DisposeScope"/> alive when it was created, or finally
/// by the finalizer. Operations return new tensors and never modify their inputs unless named so.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private const int MaxDims = 16;
    private DisposeScope? _scope;

    internal Tensor(TensorHandle handle, bool track = true)
    {
        Handle = handle;
        if (track)
        {
            _scope = DisposeScope.Current;
            _scope?.Register(this);
        }
    }

    internal TensorHandle Handle { get; }

    public bool IsDisposed => Handle.IsClosed;

    /// <summary>Wraps a native result, or throws the bridge's error for <paramref name="operation"/>.</summary>
    internal static Tensor Wrap(int status, TensorHandle handle, string operation)
    {
        if (status != 0)
        {
            handle.Dispose();
            ErrorNative.Check(status, operation);
        }

        return new Tensor(handle);
    }

    /// <summary>Like <see cref="Wrap"/>, but an undefined native tensor becomes null.</summary>
    internal static Tensor? WrapOptional(int status, TensorHandle handle, string operation, bool track = true)
    {
        if (status != 0)
        {
            handle.Dispose();
            ErrorNative.Check(status, operation);
        }

        if (handle.IsInvalid)
        {
            handle.Dispose();
            return null;
        }

        return new Tensor(handle, track);
    }

    internal static IntPtr HandleOrNull(Tensor? tensor) => tensor is null ? IntPtr.Zero : tensor.Handle.DangerousGetHandle();

    public void Dispose()
    {
        _scope?.Remove(this);
        _scope = null;
        Handle.Dispose();
    }

    internal void DisposeFromScope()
    {
        _scope = null;
        Handle.Dispose();
    }

    /// <summary>Hands this tensor to the scope enclosing its current one (or to nobody at the outermost level).</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        if (_scope is not null)
        {
            _scope.Remove(this);
            _scope = _scope.Outer;
            _scope?.Register(this);
        }

        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope: the caller now owns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        _scope?.Remove(this);
        _scope = null;
        return this;
    }

    // ---- metadata ------------------------------------------------------------------------------

    private unsafe (long[] Info, long[] Shape) ReadInfo()
    {
        var info = stackalloc long[7];
        var shape = stackalloc long[MaxDims];
        ErrorNative.Check(TensorNative.cp_tensor_info(Handle, info, shape, MaxDims), "tensor info");
        var nd = (int)info[0];
        var dims = new long[nd];
        for (var i = 0; i < nd; i++)
        {
            dims[i] = shape[i];
        }

        return (new[] { info[0], info[1], info[2], info[3], info[4], info[5], info[6] }, dims);
    }

    public long[] Shape => ReadInfo().Shape;

    public int Dim => (int)ReadInfo().Info[0];

    public long NumberOfElements => ReadInfo().Info[5];

    public ScalarType Dtype => (ScalarType)ReadInfo().Info[1];

    public Device Device
    {
        get
        {
            var info = ReadInfo().Info;
            return new Device((DeviceType)info[2], (int)info[3]);
        }
    }

    public bool IsLeaf => ReadInfo().Info[6] != 0;

    /// <summary>Size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long Size(int dim)
    {
        var shape = Shape;
        var d = dim < 0 ? dim + shape.Length : dim;
        if (d < 0 || d >= shape.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim, $"Tensor has {shape.Length} dimensions.");
        }

        return shape[d];
    }

    public override string ToString() => $"Tensor[{string.Join(", ", Shape)}] {Dtype} on {Device}";

    // ---- autograd ------------------------------------------------------------------------------

    public bool RequiresGrad
    {
        get => ReadInfo().Info[4] != 0;
        set => ErrorNative.Check(TensorNative.cp_tensor_set_requires_grad(Handle, value ? 1 : 0), "requires_grad");
    }

    /// <summary>The accumulated gradient, or null when there is none. The caller owns the returned tensor.</summary>
    public Tensor? Grad => WrapOptional(TensorNative.cp_tensor_grad(Handle, out var h), h, "grad");

    public void Backward(Tensor? gradient = null, bool retainGraph = false)
    {
        var status = TensorNative.cp_tensor_backward(Handle, HandleOrNull(gradient), retainGraph ? 1 : 0);
        GC.KeepAlive(gradient);
        ErrorNative.Check(status, "backward");
    }

    public Tensor Detach() => Unary(UnaryOp.Detach, "detach");

    // ---- device and type -----------------------------------------------------------------------

    public Tensor To(Device device) => Wrap(TensorNative.cp_tensor_to(Handle, (int)device.Type, device.Index, -1, out var h), h, $"to({device})");

    public Tensor To(ScalarType type) => Wrap(TensorNative.cp_tensor_to(Handle, -1, 0, (int)type, out var h), h, $"to({type})");

    public Tensor To(Device device, ScalarType type) =>
        Wrap(TensorNative.cp_tensor_to(Handle, (int)device.Type, device.Index, (int)type, out var h), h, $"to({device}, {type})");

    // ---- in-place writes (outside autograd) ----------------------------------------------------

    /// <summary>Copies <paramref name="source"/> into this tensor (broadcasting, converting type and device).</summary>
    public Tensor CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var status = TensorNative.cp_tensor_inplace(Handle, source.Handle.DangerousGetHandle(), (int)InPlaceKind.Copy, 0);
        GC.KeepAlive(source);
        ErrorNative.Check(status, "copy_");
        return this;
    }

    public Tensor ZeroInPlace() => InPlace(InPlaceKind.Zero, 0, "zero_");

    public Tensor FillInPlace(double value) => InPlace(InPlaceKind.Fill, value, "fill_");

    public Tensor UniformInPlace(double bound) => InPlace(InPlaceKind.Uniform, bound, "uniform_");

    public Tensor NormalInPlace(double std) => InPlace(InPlaceKind.Normal, std, "normal_");

    private Tensor InPlace(InPlaceKind kind, double value, string operation)
    {
        ErrorNative.Check(TensorNative.cp_tensor_inplace(Handle, IntPtr.Zero, (int)kind, value), operation);
        return this;
    }
}
