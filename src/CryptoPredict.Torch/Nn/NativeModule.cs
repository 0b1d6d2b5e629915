using System.Runtime.InteropServices;
using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch.Nn;

/// <summary>A layer implemented by libtorch's <c>torch::nn</c>; its parameters are exposed by their libtorch names.</summary>
public abstract class NativeModule<TInput, TOutput> : Module<TInput, TOutput>
{
    private readonly List<KeyValuePair<string, Tensor>> _nativeParameters;
    private readonly List<KeyValuePair<string, Tensor>> _nativeBuffers;

    private protected NativeModule(int status, NativeModuleHandle handle, string operation)
    {
        if (status != 0)
        {
            handle.Dispose();
            ErrorNative.Check(status, operation);
        }

        Handle = handle;
        _nativeParameters = ReadTensors(buffers: false);
        _nativeBuffers = ReadTensors(buffers: true);
    }

    internal NativeModuleHandle Handle { get; }

    private List<KeyValuePair<string, Tensor>> ReadTensors(bool buffers)
    {
        ErrorNative.Check(NnNative.cp_module_tensor_count(Handle, buffers ? 1 : 0, out var count), "module tensors");
        var list = new List<KeyValuePair<string, Tensor>>(count);
        for (var i = 0; i < count; i++)
        {
            var status = NnNative.cp_module_tensor_at(Handle, buffers ? 1 : 0, i, out var namePtr, out var h);
            var name = status == 0 ? Marshal.PtrToStringUTF8(namePtr) ?? "" : "";
            var tensor = Tensor.WrapOptional(status, h, "module tensor", track: false);
            if (tensor is not null)
            {
                list.Add(new(name, tensor));
            }
        }

        return list;
    }

    protected override IEnumerable<KeyValuePair<string, Tensor>> OwnParameters() => _nativeParameters;

    protected override IEnumerable<KeyValuePair<string, Tensor>> OwnBuffers() => _nativeBuffers;

    protected override void OnTrainingChanged(bool training) =>
        ErrorNative.Check(NnNative.cp_module_train(Handle, training ? 1 : 0), "train/eval");

    // libtorch moves a module's tensors in place (set_data), so the handles above stay valid.
    protected override void MoveOwn(Device? device, ScalarType? type) =>
        ErrorNative.Check(
            NnNative.cp_module_to(Handle, device is { } d ? (int)d.Type : -1, device?.Index ?? 0, type is { } t ? (int)t : -1),
            $"module.to({device?.ToString() ?? type.ToString()})");

    protected Tensor ForwardSingle(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var status = NnNative.cp_module_forward(Handle, input.Handle, out var h);
        return Tensor.Wrap(status, h, status == 0 ? "" : $"{GetType().Name}.forward([{string.Join(", ", input.Shape)}])");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var (_, t) in _nativeParameters)
            {
                t.Dispose();
            }

            foreach (var (_, t) in _nativeBuffers)
            {
                t.Dispose();
            }

            Handle.Dispose();
        }

        base.Dispose(disposing);
    }
}
