using System.Globalization;
using System.Runtime.InteropServices;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Serialization;

namespace CryptoPredict.Core.Export;

/// <summary>
/// A bundle's weights by PyTorch parameter name, read from the state file without libtorch (the format is our own,
/// parsed in C#), so an export or an ONNX Runtime engine never loads the native library.
/// </summary>
internal sealed class ExportWeights
{
    private readonly Dictionary<string, StoredTensor> _tensors;
    private readonly string _source;

    private ExportWeights(Dictionary<string, StoredTensor> tensors, string source)
    {
        _tensors = tensors;
        _source = source;
    }

    public static ExportWeights Of(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        StateFile file;
        try
        {
            file = StateFile.FromBytes(bundle.Weights, bundle.WeightsPath);
        }
        catch (TorchException e)
        {
            throw new ModelBundleException(e.Message, e);
        }

        var tensors = file.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (bundle.Architecture.Kind == Models.ForecastKind.Ohlc)
        {
            // The open head's fixed gain is folded into its weights, so an exported network is the plain Linear the
            // seed's architecture (and model.py) has.
            var gain = Models.BiLstmOhlcModel.OpenGainOf(bundle.Description.Architecture.Network);
            foreach (var name in new[] { "open.weight", "open.bias" })
            {
                if (gain != 1 && tensors.TryGetValue(name, out var tensor) && tensor.Dtype == ScalarType.Float32)
                {
                    var values = MemoryMarshal.Cast<byte, float>(tensor.Data).ToArray();
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = (float)(values[i] * gain);
                    }

                    tensors[name] = tensor with { Data = MemoryMarshal.AsBytes(values.AsSpan()).ToArray() };
                }
            }
        }

        return new ExportWeights(tensors, bundle.WeightsPath);
    }

    /// <summary>Every stored tensor in file order (parameters, then buffers), for writers that copy them all.</summary>
    public IEnumerable<StoredTensor> All => _tensors.Values;

    public long[] Shape(string name) => Get(name).Shape;

    /// <summary>The float32 values of <paramref name="name"/>, whose shape must be <paramref name="shape"/>.</summary>
    public float[] Floats(string name, params long[] shape)
    {
        var tensor = Get(name);
        if (tensor.Dtype != ScalarType.Float32 || !tensor.Shape.AsSpan().SequenceEqual(shape))
        {
            throw new ModelBundleException(
                $"'{_source}': parameter '{name}' is {tensor.Dtype} [{Join(tensor.Shape)}], but the architecture needs Float32 [{Join(shape)}].");
        }

        return MemoryMarshal.Cast<byte, float>(tensor.Data).ToArray();
    }

    private StoredTensor Get(string name) =>
        _tensors.TryGetValue(name, out var tensor)
            ? tensor
            : throw new ModelBundleException($"'{_source}' has no parameter '{name}', which the architecture needs: the weights are from another model.");

    private static string Join(long[] shape) => string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
}
