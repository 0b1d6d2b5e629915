using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Models;

/// <summary>
/// The one windowing path against the three it replaced (a host copy per training sample, a host copy per forecast
/// window from the scaled matrix, a gather on the device for training batches): the same floats, bit for bit, on real
/// candles with their gaps and warm-up.
/// </summary>
[Collection(SerialTorchTests.Name)]
public sealed class DeviceWindowsTests
{
    private const int Window = 16;

    private static readonly CandleSplit Data = new();

    [Fact]
    public void Gathered_windows_equal_the_old_per_sample_copy_of_the_training_batches()
    {
        var samples = Data.Samples;
        using var windows = new DeviceWindows(Data.Dataset.Features, Data.FeatureScaler, Window, Device.Cpu);
        using var scope = Torch.Torch.NewDisposeScope();

        var gathered = windows.Gather(windows.EndRows(samples.Select(Data.Dataset.EndRow).ToArray()));

        gathered.Shape.Should().Equal(samples.Length, Window, Data.Dataset.Features.ColumnCount);
        gathered.ToArray<float>().Should().Equal(OldCopyInputs(Data.Dataset, samples, Data.FeatureScaler));
    }

    [Fact]
    public void Gathered_windows_equal_the_old_forecaster_copy_from_the_scaled_matrix()
    {
        var endRows = Data.Samples.Select(Data.Dataset.EndRow).ToArray();
        using var windows = new DeviceWindows(Data.Dataset.Features, Data.FeatureScaler, Window, Device.Cpu);
        using var scope = Torch.Torch.NewDisposeScope();

        windows.Gather(windows.EndRows(endRows)).ToArray<float>().Should().Equal(OldForecastInputs(Data.Dataset.Features, Data.FeatureScaler, endRows));
    }

    [Fact]
    public void Training_batches_are_the_same_windows_and_the_scaled_targets_of_their_end_rows()
    {
        var samples = Data.Samples;
        using var dataset = new DeviceDataset(Data.Dataset, Data.FeatureScaler, Data.TargetScaler, Device.Cpu);
        using var scope = Torch.Torch.NewDisposeScope();

        var (inputs, targets) = dataset.Batch(dataset.EndRows(samples));

        inputs.ToArray<float>().Should().Equal(OldCopyInputs(Data.Dataset, samples, Data.FeatureScaler));
        var expectedTargets = samples.SelectMany(s =>
        {
            var scaled = new double[Data.Dataset.Targets.ColumnCount];
            Data.TargetScaler.Transform(Data.Dataset.Target(s), scaled);
            return scaled.Select(v => (float)v);
        });
        targets.ToArray<float>().Should().Equal(expectedTargets);
    }

    [Fact]
    public void A_scaler_of_other_columns_is_refused_naming_both()
    {
        var other = new FeatureScaler(ScalerKind.Standard, ["close"], [0.0], [1.0]);

        FluentActions.Invoking(() => new DeviceWindows(Data.Dataset.Features, other, Window, Device.Cpu))
            .Should().Throw<ArgumentException>().WithMessage("*[close]*[close, open, high,*");
    }

    /// <summary>What <c>WindowedDataset.CopyInputs</c> did: each sample's rows scaled on their own, then cast.</summary>
    private static float[] OldCopyInputs(WindowedDataset dataset, int[] samples, FeatureScaler scaler)
    {
        var size = Window * dataset.Features.ColumnCount;
        var result = new float[samples.Length * size];
        var scaled = new double[size];
        for (var i = 0; i < samples.Length; i++)
        {
            scaler.Transform(dataset.Input(samples[i]), scaled);
            for (var k = 0; k < size; k++)
            {
                result[(i * size) + k] = (float)scaled[k];
            }
        }

        return result;
    }

    /// <summary>What <c>Forecaster.Forecast</c> did: the whole matrix scaled once, each window's rows copied out of it.</summary>
    private static float[] OldForecastInputs(FeatureMatrix features, FeatureScaler scaler, int[] endRows)
    {
        var scaled = scaler.Transform(features);
        var size = Window * features.ColumnCount;
        var result = new float[endRows.Length * size];
        for (var i = 0; i < endRows.Length; i++)
        {
            var rows = scaled.Rows(endRows[i] - Window + 1, Window);
            for (var k = 0; k < size; k++)
            {
                result[(i * size) + k] = (float)rows[k];
            }
        }

        return result;
    }

    /// <summary>ohlc13 windows and next-candle targets of the real head, scalers fitted on its training part.</summary>
    private sealed class CandleSplit
    {
        public CandleSplit()
        {
            var candles = RealCandles.BtcHead2000;
            Dataset = new WindowedDataset(FeatureSet.Parse("ohlc13").Compute(candles), TargetSet.NextOhlc().Compute(candles), Window);
            var split = DatasetSplit.Chronological(Dataset);
            FeatureScaler = FeatureScaler.FitFeatures(ScalerKind.Standard, split);
            TargetScaler = FeatureScaler.FitTargets(ScalerKind.Standard, split);

            // Out of order, repeated, and on both sides of every gap.
            Samples = [.. Enumerable.Range(0, Dataset.Count).Where(s => s % 7 == 0).Reverse(), 0, 0, Dataset.Count - 1];
        }

        public WindowedDataset Dataset { get; }

        public FeatureScaler FeatureScaler { get; }

        public FeatureScaler TargetScaler { get; }

        public int[] Samples { get; }
    }
}
