using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Torch;
using TorchApi = CryptoPredict.Torch.Torch;

namespace CryptoPredict.Core.Prediction;

/// <summary>
/// Runs a bundle's model over windows of a feature matrix computed from candles: only windows the
/// <see cref="InputWindows"/> rule accepts (the rule training samples obey), gathered by <see cref="DeviceWindows"/> as
/// in training, the network in evaluation mode, outputs turned back into target units (log returns, volatility) or
/// probabilities (regimes); <see cref="ForecastDecoding"/> makes prices of them. Used by <c>predict</c> (the latest
/// window) and <c>evaluate</c> (many windows).
/// </summary>
public sealed class Forecaster : IForecastEngine
{
    private const int Batch = 1024;

    private readonly ForecastModel _model;

    public Forecaster(ModelBundle bundle, Device device)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        Bundle = bundle;
        Device = device;
        _model = bundle.CreateModel(device);
    }

    public ModelBundle Bundle { get; }

    public Device Device { get; }

    public string Name => "libtorch " + Device;

    /// <summary>
    /// Features of <paramref name="series"/> with the bundle's feature set, checked to have exactly the columns the
    /// model was trained on.
    /// </summary>
    public FeatureMatrix ComputeFeatures(CandleSeries series) => ComputeFeatures(Bundle.Description, series);

    /// <summary>
    /// Features of <paramref name="series"/> with the feature set of <paramref name="description"/>, checked to have
    /// exactly its columns (for readers of a bundle that do not run its network, such as a drift check).
    /// </summary>
    public static FeatureMatrix ComputeFeatures(ModelDescription description, CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Interval.ToString() != description.Interval)
        {
            throw new ModelBundleException(
                $"The model was trained on {description.Interval} candles but the data has {series.Interval} candles.");
        }

        var features = FeatureSet.Parse(description.Features).Compute(series);
        if (!features.ColumnNames.SequenceEqual(description.FeatureColumns, StringComparer.Ordinal))
        {
            throw new ModelBundleException(
                $"The data gives feature columns [{string.Join(", ", features.ColumnNames)}] but the model was trained on " +
                $"[{string.Join(", ", description.FeatureColumns)}] (extra CSV columns must match too).");
        }

        return features;
    }

    /// <summary>The input-window rule of this model (its window length) over <paramref name="features"/>.</summary>
    public InputWindows WindowsOf(FeatureMatrix features) => new(features, Bundle.Description.Window);

    /// <summary>
    /// The last row when its window (the <see cref="ModelDescription.Window"/> candles ending there) is usable; a
    /// <see cref="ForecastDataException"/> saying why when the last candle cannot be used.
    /// </summary>
    public int LatestUsableRow(InputWindows windows)
    {
        RequireModelWindows(windows);
        return LatestUsableRowOf(windows);
    }

    /// <summary><see cref="LatestUsableRow"/> for any engine: the last row, or why its window cannot be used.</summary>
    public static int LatestUsableRowOf(InputWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var last = windows.Features.RowCount - 1;
        return windows.Problem(last) is { } problem ? throw new ForecastDataException(problem) : last;
    }

    /// <inheritdoc/>
    public double[] Forecast(InputWindows windows, IReadOnlyList<int> endRows)
    {
        RequireModelWindows(windows);
        ArgumentNullException.ThrowIfNull(endRows);
        foreach (var row in endRows)
        {
            if (windows.Problem(row) is { } problem)
            {
                throw new ForecastDataException(problem);
            }
        }

        using var inputs = new DeviceWindows(windows.Features, Bundle.FeatureScaler, windows.Length, Device);
        var outputs = _model.Outputs;
        var result = new double[endRows.Count * outputs];
        for (var start = 0; start < endRows.Count; start += Batch)
        {
            var count = Math.Min(Batch, endRows.Count - start);
            var raw = Run(inputs, endRows.Skip(start).Take(count).ToArray());
            if (Array.Exists(raw, v => !double.IsFinite(v)))
            {
                throw new ModelBundleException(
                    $"The model in '{Bundle.Directory}' produced a non-finite forecast (NaN or infinity); its weights are unusable. Retrain it.");
            }

            for (var i = 0; i < count; i++)
            {
                var destination = result.AsSpan((start + i) * outputs, outputs);
                if (Bundle.Architecture.IsClassifier)
                {
                    raw.AsSpan(i * outputs, outputs).CopyTo(destination);
                }
                else
                {
                    Bundle.Heads.ToTargetUnits(Bundle.TargetScaler, raw.AsSpan(i * outputs, outputs), destination);
                }
            }
        }

        return result;
    }

    public void Dispose() => _model.Dispose();

    private void RequireModelWindows(InputWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Length != Bundle.Description.Window)
        {
            throw new ArgumentException($"The windows have {windows.Length} rows but the model in '{Bundle.Directory}' reads {Bundle.Description.Window}.", nameof(windows));
        }
    }

    private double[] Run(DeviceWindows inputs, int[] endRows)
    {
        using var scope = TorchApi.NewDisposeScope();
        using var noGrad = TorchApi.NoGrad();
        var output = _model.Forward(inputs.Gather(inputs.EndRows(endRows)));
        if (Bundle.Architecture.IsClassifier)
        {
            output = output.Softmax(1);
        }

        return output.To(Torch.Device.Cpu, ScalarType.Float64).ToArray<double>();
    }
}
