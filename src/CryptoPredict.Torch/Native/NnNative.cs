using System.Runtime.InteropServices;

namespace CryptoPredict.Torch.Native;

internal static unsafe partial class NnNative
{
    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial void cp_module_free(IntPtr module);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_linear_new(long inFeatures, long outFeatures, int bias, out NativeModuleHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_conv1d_new(long inChannels, long outChannels, long kernel, long stride, long padding, int paddingSame, long dilation, long groups, int bias, out NativeModuleHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_rnn_new(int gru, long inputSize, long hiddenSize, long layers, int bias, int batchFirst, double dropout, int bidirectional, out NativeModuleHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_mha_new(long embedDim, long heads, double dropout, int bias, out NativeModuleHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_batchnorm1d_new(long features, double eps, double momentum, int affine, int trackRunningStats, out NativeModuleHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_layernorm_new(long* shape, int ndim, double eps, int affine, out NativeModuleHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_module_forward(NativeModuleHandle module, TensorHandle input, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_rnn_forward(NativeModuleHandle module, TensorHandle input, IntPtr h0, IntPtr c0, out TensorHandle output, out TensorHandle hn, out TensorHandle cn);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_conv1d_im2col_set(int enabled);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_conv1d_im2col_get(out int enabled);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_lstm_fused_set(int enabled);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_lstm_fused_get(out int enabled);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_mha_forward(NativeModuleHandle module, TensorHandle query, TensorHandle key, TensorHandle value, IntPtr keyPaddingMask, int needWeights, IntPtr attnMask, int averageWeights, out TensorHandle output, out TensorHandle weights);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_module_tensor_count(NativeModuleHandle module, int buffers, out int count);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_module_tensor_at(NativeModuleHandle module, int buffers, int index, out IntPtr name, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_module_train(NativeModuleHandle module, int training);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_module_to(NativeModuleHandle module, int deviceType, int deviceIndex, int dtype);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_loss(int kind, TensorHandle input, TensorHandle target, IntPtr weight, IntPtr extra, int reduction, double param, out TensorHandle result);

    [LibraryImport(NativeLibraryName.Bridge)]
    internal static partial int cp_clip_grad_norm(IntPtr* parameters, int count, double maxNorm, double normType, out double total);
}
