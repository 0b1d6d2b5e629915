using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Export.Onnx;
using CryptoPredict.Core.Features;
using Microsoft.ML.OnnxRuntime;

namespace CryptoPredict.Core.Prediction;

/// <summary>
/// Runs a bundle through ONNX Runtime on the CPU: the model <see cref="OnnxModel.Build"/> makes of it (the bytes
/// <c>export --format onnx</c> writes), fed with the raw feature windows; the <c>target</c> output is what
/// <see cref="Forecaster"/> returns. Neither building the model nor running it touches libtorch: the weights are
/// parsed in C# and the network runs in ONNX Runtime's kernels.
/// </summary>
public sealed class OnnxForecastEngine : IForecastEngine
{
    private const int Batch = 1024;

    private readonly InferenceSession _session;
    private readonly bool _hasLastClose;

    /// <param name="threads">ONNX Runtime's intra-op threads; null lets it pick (one per physical core).</param>
    public OnnxForecastEngine(ModelBundle bundle, int? threads = null)
        : this(bundle, OnnxModel.Build(bundle ?? throw new ArgumentNullException(nameof(bundle))), threads)
    {
    }

    /// <summary>An engine over an already built or exported <paramref name="onnxModel"/> of <paramref name="bundle"/>.</summary>
    public OnnxForecastEngine(ModelBundle bundle, byte[] onnxModel, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(onnxModel);
        Bundle = bundle;
        using var options = new SessionOptions();
        if (threads is { } count)
        {
            options.IntraOpNumThreads = count;
        }

        try
        {
            _session = new InferenceSession(onnxModel, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelBundleException($"ONNX Runtime cannot load the model of '{bundle.Directory}': {e.Message}", e);
        }

        _hasLastClose = _session.InputMetadata.ContainsKey(OnnxModel.LastCloseInput);
    }

    public ModelBundle Bundle { get; }

    public string Name => "onnxruntime cpu";

    /// <inheritdoc/>
    public double[] Forecast(InputWindows windows, IReadOnlyList<int> endRows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(endRows);
        var window = Bundle.Description.Window;
        if (windows.Length != window)
        {
            throw new ArgumentException($"The windows have {windows.Length} rows but the model in '{Bundle.Directory}' reads {window}.", nameof(windows));
        }

        foreach (var row in endRows)
        {
            if (windows.Problem(row) is { } problem)
            {
                throw new ForecastDataException(problem);
            }
        }

        var outputs = Bundle.Description.Architecture.Outputs;
        var result = new double[endRows.Count * outputs];
        for (var start = 0; start < endRows.Count; start += Batch)
        {
            var count = Math.Min(Batch, endRows.Count - start);
            var target = Run(windows, endRows, start, count);
            if (Array.Exists(target, v => !double.IsFinite(v)))
            {
                throw new ModelBundleException(
                    $"The model in '{Bundle.Directory}' produced a non-finite forecast (NaN or infinity); its weights are unusable. Retrain it.");
            }

            target.CopyTo(result, start * outputs);
        }

        return result;
    }

    public void Dispose() => _session.Dispose();

    private double[] Run(InputWindows windows, IReadOnlyList<int> endRows, int start, int count)
    {
        var window = windows.Length;
        var width = windows.Features.ColumnCount;
        var values = windows.Features.Values;
        var features = new double[count * window * width];
        for (var i = 0; i < count; i++)
        {
            var first = endRows[start + i] - window + 1;
            values.Slice(first * width, window * width).CopyTo(features.AsSpan(i * window * width));
        }

        var names = new List<string> { OnnxModel.FeaturesInput };
        var inputs = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(features, [count, window, width]) };
        try
        {
            if (_hasLastClose)
            {
                // The target output does not read last_close (only the forecast output does); any positive close serves.
                names.Add(OnnxModel.LastCloseInput);
                inputs.Add(OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1.0, count).ToArray(), [count, 1]));
            }

            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, names, inputs, [OnnxModel.TargetOutput]);
            return results[0].GetTensorDataAsSpan<double>().ToArray();
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelBundleException($"ONNX Runtime failed on the model of '{Bundle.Directory}': {e.Message}", e);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }
}
