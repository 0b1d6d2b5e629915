using System.Runtime.InteropServices;

namespace CryptoPredict.Torch.Native;

/// <summary>Owns one reference to a libtorch tensor (<c>at::Tensor*</c>).</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        TensorNative.cp_tensor_free(handle);
        return true;
    }
}

/// <summary>Owns one native module (a libtorch <c>torch::nn</c> module held by <c>shared_ptr</c>).</summary>
internal sealed class NativeModuleHandle : SafeHandle
{
    public NativeModuleHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NnNative.cp_module_free(handle);
        return true;
    }
}

/// <summary>Owns one native optimizer.</summary>
internal sealed class OptimizerHandle : SafeHandle
{
    public OptimizerHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        OptimNative.cp_optim_free(handle);
        return true;
    }
}
