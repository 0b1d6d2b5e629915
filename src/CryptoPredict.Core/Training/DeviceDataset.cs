using CryptoPredict.Core.Features;
using CryptoPredict.Torch;
using TorchApi = CryptoPredict.Torch.Torch;

namespace CryptoPredict.Core.Training;

/// <summary>
/// A windowed dataset resident on the training device: the scaled feature matrix [rows, features] and target
/// matrix [rows, targets] are copied once; a batch is gathered on the device from the end rows of its samples,
/// so no window is ever copied from the host per batch (a batch costs one small index upload at most).
/// </summary>
public sealed class DeviceDataset : IDisposable
{
    private readonly Tensor _features;
    private readonly Tensor _targets;
    private readonly Tensor _offsets;
    private readonly long[] _endRows;

    public DeviceDataset(WindowedDataset dataset, FeatureScaler featureScaler, FeatureScaler? targetScaler, Device device)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(featureScaler);
        Device = device;
        WindowLength = dataset.WindowLength;
        FeatureCount = dataset.Features.ColumnCount;
        TargetCount = dataset.Targets.ColumnCount;
        _features = Upload(Scaled(dataset.Features.Values, featureScaler), dataset.Features.RowCount, FeatureCount, device);
        _targets = Upload(
            targetScaler is null ? ToFloat(dataset.Targets.Values) : Scaled(dataset.Targets.Values, targetScaler),
            dataset.Targets.RowCount,
            TargetCount,
            device);
        var offsets = new long[WindowLength];
        for (var k = 0; k < offsets.Length; k++)
        {
            offsets[k] = k - WindowLength + 1;
        }

        _offsets = UploadIndex(offsets, device);
        _endRows = dataset.EndRows.Select(r => (long)r).ToArray();
    }

    public Device Device { get; }

    public int WindowLength { get; }

    public int FeatureCount { get; }

    public int TargetCount { get; }

    /// <summary>End rows of <paramref name="samples"/> (sample indices of the windowed dataset) as an int64 tensor on the device.</summary>
    public Tensor EndRows(IReadOnlyList<int> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var rows = new long[samples.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = _endRows[samples[i]];
        }

        return UploadIndex(rows, Device);
    }

    /// <summary>Inputs [batch, window, features] and targets [batch, targets] of the samples ending at <paramref name="endRows"/>.</summary>
    public (Tensor Inputs, Tensor Targets) Batch(Tensor endRows)
    {
        ArgumentNullException.ThrowIfNull(endRows);
        var batch = endRows.Shape[0];
        using var column = endRows.Unsqueeze(1);
        using var rows = column + _offsets;
        using var flat = rows.Flatten();
        using var gathered = _features.IndexSelect(0, flat);
        var inputs = gathered.View(batch, WindowLength, FeatureCount);
        var targets = _targets.IndexSelect(0, endRows);
        return (inputs, targets);
    }

    public void Dispose()
    {
        _features.Dispose();
        _targets.Dispose();
        _offsets.Dispose();
    }

    private static float[] Scaled(ReadOnlySpan<double> values, FeatureScaler scaler)
    {
        var scaled = new double[values.Length];
        scaler.Transform(values, scaled);
        return ToFloat(scaled);
    }

    private static float[] ToFloat(ReadOnlySpan<double> values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)values[i];
        }

        return result;
    }

    private static Tensor Upload(float[] values, int rows, int columns, Device device)
    {
        using var host = TorchApi.FromArray(values, rows, columns);
        return (device.IsCuda ? host.To(device) : host.Clone()).DetachFromDisposeScope();
    }

    private static Tensor UploadIndex(long[] values, Device device)
    {
        if (!device.IsCuda)
        {
            return TorchApi.FromArray(values);
        }

        using var host = TorchApi.FromArray(values);
        return host.To(device);
    }
}
