using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Tests.Features;

public class FeatureScalerTests
{
    private static readonly string[] Names = ["a", "b"];

    [Fact]
    public void Min_max_maps_the_fitted_rows_to_zero_one()
    {
        // Rows: (1, 10) (3, 10) (2, 10) (100, -5); fit on the first three only.
        double[] values = [1, 10, 3, 10, 2, 10, 100, -5];
        var scaler = FeatureScaler.Fit(ScalerKind.MinMax, Names, values, [0, 1, 2]);

        scaler.Center.Should().Equal(1, 10);
        scaler.Scale.Should().Equal(2, 1); // column b is constant: scale 1, maps to 0
        var scaled = new double[values.Length];
        scaler.Transform(values, scaled);
        scaled.Should().Equal(0, 0, 1, 0, 0.5, 0, 49.5, -15);
        var back = new double[values.Length];
        scaler.InverseTransform(scaled, back);
        back.Should().Equal(values);
    }

    [Fact]
    public void Standard_uses_mean_and_population_std()
    {
        double[] values = [2, 1, 4, 1, 4, 1, 4, 1, 5, 1, 5, 1, 7, 1, 9, 1];
        var scaler = FeatureScaler.Fit(ScalerKind.Standard, Names, values, Enumerable.Range(0, 8).ToArray());

        scaler.Center[0].Should().Be(5);
        scaler.Scale[0].Should().Be(2); // the textbook example: population std of 2,4,4,4,5,5,7,9 is 2
        scaler.Transform(9, 0).Should().Be(2);
        scaler.InverseTransform(-1.5, 0).Should().Be(2);
    }

    [Fact]
    public void Robust_uses_median_and_interquartile_range()
    {
        // Column a: 1, 2, 3, 4, 100 -> median 3, q25 2, q75 4; column b: 0.5, 1, 2, 4, 10 -> median 2, q25 1, q75 4.
        double[] values = [1, 4, 100, 10, 3, 0.5, 2, 1, 4, 2, -7, -7];
        var scaler = FeatureScaler.Fit(ScalerKind.Robust, Names, values, [0, 1, 2, 3, 4]);

        scaler.Center.Should().Equal(3, 2);
        scaler.Scale.Should().Equal(2, 3);
        // Between ranks the quantile is interpolated linearly, as numpy.percentile: q25 of 1..4 is 1.75.
        FeatureScaler.Quantile([1, 2, 3, 4], 0.25).Should().Be(1.75);
        FeatureScaler.Quantile([1, 2, 3, 4], 0.5).Should().Be(2.5);
    }

    [Fact]
    public void Fitted_on_training_rows_only()
    {
        var series = SyntheticCandles.Create(500, seed: 8);
        var targets = TargetSet.Parse("next_close,close_h4").Compute(series);
        var dataset = new WindowedDataset(FeatureTestData.CloseAndMean(series), targets, windowLength: 24);
        var split = DatasetSplit.Chronological(dataset);
        var scaler = FeatureScaler.FitFeatures(ScalerKind.MinMax, split);

        var rows = split.TrainingRows();
        var close = series.Close.ToArray();
        scaler.Center[0].Should().Be(rows.Min(r => close[r]));
        (scaler.Center[0] + scaler.Scale[0]).Should().BeApproximately(rows.Max(r => close[r]), 1e-12);

        // The same rows with a wild future give the same scaler: nothing after training is read.
        var future = SyntheticCandles.WithFutureChanged(series, rows[^1], seed: 99);
        var futureDataset = new WindowedDataset(FeatureTestData.CloseAndMean(future), TargetSet.Parse("next_close,close_h4").Compute(future), 24);
        var futureScaler = FeatureScaler.FitFeatures(ScalerKind.MinMax, DatasetSplit.Chronological(futureDataset));
        futureScaler.ToJson().Should().Be(scaler.ToJson());
        FeatureScaler.FitFeatures(ScalerKind.MinMax, DatasetSplit.Chronological(futureDataset, 0.9, 0.05)).ToJson()
            .Should().NotBe(scaler.ToJson(), "the test must be able to see a changed fit");

        var targetScaler = FeatureScaler.FitTargets(ScalerKind.Standard, split);
        var trainTargets = split.Train.Select(s => dataset.Target(s)[1]).ToArray();
        targetScaler.Center[1].Should().BeApproximately(trainTargets.Average(), 1e-15);
    }

    [Theory]
    [InlineData(ScalerKind.MinMax)]
    [InlineData(ScalerKind.Standard)]
    [InlineData(ScalerKind.Robust)]
    public void Json_round_trip_is_exact(ScalerKind kind)
    {
        var random = new Random(1234);
        var width = 5;
        var values = new double[200 * width];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (random.NextDouble() - 0.3) * Math.Pow(10, (i % width) * 3 - 6);
        }

        var names = new[] { "close", "ema_50", "rsi_14", "obv", "x\"y" };
        var scaler = FeatureScaler.Fit(kind, names, values, Enumerable.Range(0, 150).ToArray());
        var json = scaler.ToJson();
        var back = FeatureScaler.FromJson(json);

        back.Kind.Should().Be(kind);
        back.ColumnNames.Should().Equal(names);
        for (var c = 0; c < width; c++)
        {
            BitConverter.DoubleToInt64Bits(back.Center[c]).Should().Be(BitConverter.DoubleToInt64Bits(scaler.Center[c]));
            BitConverter.DoubleToInt64Bits(back.Scale[c]).Should().Be(BitConverter.DoubleToInt64Bits(scaler.Scale[c]));
        }

        back.ToJson().Should().Be(json);
    }

    [Fact]
    public void Json_with_another_version_or_bad_values_is_refused()
    {
        var json = FeatureScaler.Fit(ScalerKind.Standard, Names, [1, 2, 3, 5], [0, 1]).ToJson();

        FluentActions.Invoking(() => FeatureScaler.FromJson(json.Replace("\"version\": 1", "\"version\": 7", StringComparison.Ordinal)))
            .Should().Throw<FormatException>().WithMessage("*version 7*");
        FluentActions.Invoking(() => FeatureScaler.FromJson("{"))
            .Should().Throw<FormatException>();
        FluentActions.Invoking(() => FeatureScaler.Fit(ScalerKind.MinMax, Names, [1, double.NaN], [0]))
            .Should().Throw<ArgumentException>().WithMessage("*'b'*row 0*");
    }
}
