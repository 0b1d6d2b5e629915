using System.Runtime.InteropServices;

namespace CryptoPredict.Torch.Native;

internal static unsafe partial class TensorNative
{
    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial void cp_tensor_free(IntPtr tensor);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial long cp_live_tensor_count();

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_from_f32(float* data, long length, long* shape, int ndim, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_from_f64(double* data, long length, long* shape, int ndim, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_from_i64(long* data, long length, long* shape, int ndim, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_from_u8(byte* data, long length, long* shape, int ndim, int asBool, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_factory(int kind, long* shape, int ndim, int dtype, int deviceType, int deviceIndex, double value, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_to_f32(TensorHandle tensor, float* destination, long length);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_to_f64(TensorHandle tensor, double* destination, long length);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_to_i64(TensorHandle tensor, long* destination, long length);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_to_u8(TensorHandle tensor, byte* destination, long length);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_info(TensorHandle tensor, long* info, long* shape, int maxDims);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_set_requires_grad(TensorHandle tensor, int value);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_grad(TensorHandle tensor, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_backward(TensorHandle tensor, IntPtr gradient, int retainGraph);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_grad_mode_set(int enabled, out int previous);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_inplace(TensorHandle tensor, IntPtr source, int kind, double value);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_tensor_to(TensorHandle tensor, int deviceType, int deviceIndex, int dtype, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_unary(int op, TensorHandle tensor, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_binary(int op, TensorHandle left, TensorHandle right, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_binary_scalar(int op, TensorHandle left, double right, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_clamp(TensorHandle tensor, int hasMin, double min, int hasMax, double max, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_where(TensorHandle condition, TensorHandle left, TensorHandle right, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_masked_fill(TensorHandle tensor, TensorHandle mask, double value, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_reduce(int op, TensorHandle tensor, long* dims, int ndims, int keepDim, int unbiased, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_dim_op(int op, TensorHandle tensor, long dim, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_shape_op(int op, TensorHandle tensor, long* shape, int ndim, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_index_op(int op, TensorHandle tensor, long a, long b, long c, long d, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_index_select(TensorHandle tensor, long dim, TensorHandle index, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_gather(TensorHandle tensor, long dim, TensorHandle index, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_join(int op, IntPtr* items, int count, long dim, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_split(TensorHandle tensor, long size, long dim, IntPtr* outputs, int capacity, out int count);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_dropout(TensorHandle tensor, double p, int training, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_self_attention(TensorHandle tensor, double scale, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_pool1d(int op, TensorHandle tensor, long a, long b, out TensorHandle result);
}
