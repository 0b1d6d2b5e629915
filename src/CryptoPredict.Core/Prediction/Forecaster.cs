using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Torch;
using TorchApi = CryptoPredict.Torch.Torch;

namespace CryptoPredict.Core.Prediction;

/// <summary>
/// Runs a bundle's model over windows of a feature matrix computed from candles: features scaled with the bundle's
/// scaler, the network in evaluation mode, outputs turned back into target units (log returns, volatility) or
/// probabilities (regimes). Used by <c>predict</c> (the latest window) and <c>evaluate</c> (many windows).
/// </summary>
public sealed class Forecaster : IDisposable
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

    /// <summary>
    /// Features of <paramref name="series"/> with the bundle's feature set, checked to have exactly the columns the
    /// model was trained on.
    /// </summary>
    public FeatureMatrix ComputeFeatures(CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var description = Bundle.Description;
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

    /// <summary>
    /// The latest row whose window (the <see cref="ModelDescription.Window"/> candles ending there) is contiguous and
    /// complete; a <see cref="ForecastDataException"/> saying why when the last candle cannot be used.
    /// </summary>
    public int LatestUsableRow(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var window = Bundle.Description.Window;
        var last = features.RowCount - 1;
        var reason = WindowProblem(features, last, window, new GapMap(features.OpenTimes, features.Interval));
        return reason is null ? last : throw new ForecastDataException(reason);
    }

    /// <summary>
    /// Forecasts for windows ending at <paramref name="endRows"/>, row-major [rows, outputs]: target units for
    /// regressors (log returns against the end row's close, volatility), class probabilities for classifiers.
    /// </summary>
    public double[] Forecast(FeatureMatrix features, IReadOnlyList<int> endRows)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(endRows);
        var window = Bundle.Description.Window;
        var columns = features.ColumnCount;
        var gaps = new GapMap(features.OpenTimes, features.Interval);
        foreach (var row in endRows)
        {
            var problem = WindowProblem(features, row, window, gaps);
            if (problem is not null)
            {
                throw new ForecastDataException(problem);
            }
        }

        // Scaled once: overlapping windows share rows.
        var scaled = Bundle.FeatureScaler.Transform(features);
        var outputs = _model.Outputs;
        var result = new double[endRows.Count * outputs];
        for (var start = 0; start < endRows.Count; start += Batch)
        {
            var count = Math.Min(Batch, endRows.Count - start);
            var inputs = new float[count * window * columns];
            for (var i = 0; i < count; i++)
            {
                var rows = scaled.Rows(endRows[start + i] - window + 1, window);
                var destination = inputs.AsSpan(i * window * columns, window * columns);
                for (var k = 0; k < rows.Length; k++)
                {
                    destination[k] = (float)rows[k];
                }
            }

            var raw = Run(inputs, count, window, columns);
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
                    Bundle.TargetScaler.InverseTransform(raw.AsSpan(i * outputs, outputs), destination);
                }
            }
        }

        return result;
    }

    public void Dispose() => _model.Dispose();

    private double[] Run(float[] inputs, int count, int window, int columns)
    {
        using var scope = TorchApi.NewDisposeScope();
        using var noGrad = TorchApi.NoGrad();
        var host = TorchApi.FromArray(inputs, count, window, columns);
        var batch = Device.IsCuda ? host.To(Device) : host;
        var output = _model.Forward(batch);
        if (Bundle.Architecture.IsClassifier)
        {
            output = output.Softmax(1);
        }

        var values = output.To(Torch.Device.Cpu, ScalarType.Float64).ToArray<double>();
        return values;
    }

    private static string? WindowProblem(FeatureMatrix features, int row, int window, GapMap gaps)
    {
        var time = features.OpenTimes[Math.Clamp(row, 0, features.RowCount - 1)].ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (row < window - 1 || row >= features.RowCount)
        {
            return $"The window of {window} candles ending at {time} UTC starts before the first candle; the data needs at least " +
                $"{window} candles after the indicators' warm-up.";
        }

        var first = row - window + 1;
        if (gaps.SegmentStart(row) > first)
        {
            var gapAfter = features.OpenTimes[gaps.SegmentStart(row) - 1].ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return $"The {window} candles ending at {time} UTC are not contiguous: candles are missing after {gapAfter} UTC. " +
                "Fill the gap (preprocess --fill-gaps) or wait for enough candles after it.";
        }

        for (var r = first; r <= row; r++)
        {
            if (!features.IsRowComplete(r))
            {
                var at = features.OpenTimes[r].ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                return $"The window ending at {time} UTC includes {at} UTC, where some features are still undefined " +
                    "(indicator warm-up or a missing value); the data needs more history.";
            }
        }

        return null;
    }
}
