using CryptoPredict.Core.Features;
using CryptoPredict.Torch;
using TorchApi = CryptoPredict.Torch.Torch;

namespace CryptoPredict.Core.Models;

/// <summary>
/// The one way a model's input [batch, window, features] is made, for training, evaluation and prediction alike: the
/// feature matrix is scaled and copied to the device once, and a batch is gathered there from the end rows of its
/// windows, so overlapping windows share rows and no window is copied from the host per batch. Which end rows are
/// valid is <see cref="InputWindows"/>' business; an index outside the matrix is refused by libtorch.
/// </summary>
public sealed class DeviceWindows : IDisposable
{
    private readonly Tensor _rows;
    private readonly Tensor _offsets;

    public DeviceWindows(FeatureMatrix features, FeatureScaler scaler, int windowLength, Device device)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(scaler);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowLength, 1);
        if (!features.ColumnNames.SequenceEqual(scaler.ColumnNames, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The scaler was fitted on columns [{string.Join(", ", scaler.ColumnNames)}] but the matrix has [{string.Join(", ", features.ColumnNames)}].",
                nameof(features));
        }

        Device = device;
        WindowLength = windowLength;
        FeatureCount = features.ColumnCount;
        RowCount = features.RowCount;
        _rows = Upload(features.Values, scaler, RowCount, FeatureCount, device);
        var offsets = new long[windowLength];
        for (var k = 0; k < offsets.Length; k++)
        {
            offsets[k] = k - windowLength + 1;
        }

        _offsets = UploadIndex(offsets, device).DetachFromDisposeScope();
    }

    public Device Device { get; }

    public int WindowLength { get; }

    public int FeatureCount { get; }

    public int RowCount { get; }

    /// <summary>Window end rows (rows of the feature matrix) as the int64 index tensor on the device that <see cref="Gather"/> takes.</summary>
    public Tensor EndRows(IReadOnlyList<int> endRows)
    {
        ArgumentNullException.ThrowIfNull(endRows);
        var rows = new long[endRows.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = endRows[i];
        }

        return UploadIndex(rows, Device);
    }

    /// <summary>The scaled windows ending at <paramref name="endRows"/> (see <see cref="EndRows"/>), [batch, window, features] float32.</summary>
    public Tensor Gather(Tensor endRows)
    {
        ArgumentNullException.ThrowIfNull(endRows);
        var batch = endRows.Shape[0];
        using var column = endRows.Unsqueeze(1);
        using var rows = column + _offsets;
        using var flat = rows.Flatten();
        using var gathered = _rows.IndexSelect(0, flat);
        return gathered.View(batch, WindowLength, FeatureCount);
    }

    public void Dispose()
    {
        _rows.Dispose();
        _offsets.Dispose();
    }

    /// <summary>
    /// A row-major matrix as float32 [rows, columns] on <paramref name="device"/>, scaled in double precision first when
    /// <paramref name="scaler"/> is given; outlives the caller's dispose scope.
    /// </summary>
    internal static Tensor Upload(ReadOnlySpan<double> values, FeatureScaler? scaler, int rows, int columns, Device device)
    {
        if (scaler is not null)
        {
            var scaled = new double[values.Length];
            scaler.Transform(values, scaled);
            values = scaled;
        }

        var floats = new float[values.Length];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = (float)values[i];
        }

        var host = TorchApi.FromArray(floats, rows, columns);
        if (!device.IsCuda)
        {
            return host.DetachFromDisposeScope();
        }

        using (host)
        {
            return host.To(device).DetachFromDisposeScope();
        }
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
