using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Training;

/// <summary>
/// A windowed dataset resident on the training device: the inputs are the <see cref="DeviceWindows"/> every model
/// reads from, and the scaled target matrix [rows, targets] is copied once beside them, so a batch is gathered on the
/// device from the end rows of its samples (it costs one small index upload at most).
/// </summary>
public sealed class DeviceDataset : IDisposable
{
    private readonly DeviceWindows _windows;
    private readonly Tensor _targets;
    private readonly WindowedDataset _dataset;

    public DeviceDataset(WindowedDataset dataset, FeatureScaler featureScaler, FeatureScaler? targetScaler, Device device)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(featureScaler);
        _dataset = dataset;
        _windows = new DeviceWindows(dataset.Features, featureScaler, dataset.WindowLength, device);
        TargetCount = dataset.Targets.ColumnCount;
        _targets = DeviceWindows.Upload(dataset.Targets.Values, targetScaler, dataset.Targets.RowCount, TargetCount, device);
    }

    public Device Device => _windows.Device;

    public int WindowLength => _windows.WindowLength;

    public int FeatureCount => _windows.FeatureCount;

    public int TargetCount { get; }

    /// <summary>End rows of <paramref name="samples"/> (sample indices of the windowed dataset) as an int64 tensor on the device.</summary>
    public Tensor EndRows(IReadOnlyList<int> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return _windows.EndRows(samples.Select(_dataset.EndRow).ToArray());
    }

    /// <summary>Inputs [batch, window, features] and targets [batch, targets] of the samples ending at <paramref name="endRows"/>.</summary>
    public (Tensor Inputs, Tensor Targets) Batch(Tensor endRows)
    {
        ArgumentNullException.ThrowIfNull(endRows);
        return (_windows.Gather(endRows), _targets.IndexSelect(0, endRows));
    }

    public void Dispose()
    {
        _windows.Dispose();
        _targets.Dispose();
    }
}
