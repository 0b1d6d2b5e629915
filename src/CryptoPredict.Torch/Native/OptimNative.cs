using System.Runtime.InteropServices;

namespace CryptoPredict.Torch.Native;

internal static unsafe partial class OptimNative
{
    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial void cp_optim_free(IntPtr optimizer);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_optim_new(int kind, IntPtr* parameters, int count, double lr, double beta1, double beta2, double eps, double weightDecay, double momentum, double dampening, int amsgrad, int nesterov, out OptimizerHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_optim_step(OptimizerHandle optimizer);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_optim_zero_grad(OptimizerHandle optimizer);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_optim_get_lr(OptimizerHandle optimizer, out double lr);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_optim_set_lr(OptimizerHandle optimizer, double lr);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_optim_get_state(OptimizerHandle optimizer, int index, out long step, out TensorHandle t0, out TensorHandle t1, out TensorHandle t2);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_optim_set_state(OptimizerHandle optimizer, int index, long step, IntPtr t0, IntPtr t1, IntPtr t2);
}
