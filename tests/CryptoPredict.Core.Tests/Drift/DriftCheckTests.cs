using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Drift;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Tests.Models;

namespace CryptoPredict.Core.Tests.Drift;

[Collection(SerialTorchTests.Name)]
public sealed class DriftCheckTests(DriftBundles bundles) : IClassFixture<DriftBundles>
{
    private static readonly string[] PriceLevels = ["close", "open", "high", "low", "bb_upper", "bb_lower", "atr_14"];

    /// <summary>JS of the ten reference deciles against all mass in the last one: M = (0.05 x 9, 0.55).</summary>
    private static readonly double AllInTopDecile = JensenShannon.FromFractions([.1, .1, .1, .1, .1, .1, .1, .1, .1, .1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);

    private ModelBundle Current => ModelBundle.Load(bundles.Current);

    [Fact]
    public void Training_stores_a_reference_of_the_training_rows_for_every_feature_and_target()
    {
        var description = Current.Description;
        var reference = description.DriftReference!;
        var split = bundles.Data.Split;
        var rows = split.TrainingRows();

        reference.Features.Select(f => f.Name).Should().Equal(description.FeatureColumns);
        reference.Targets.Select(t => t.Name).Should().Equal(description.Targets);
        reference.Features.Should().AllSatisfy(f => (f.Rows, f.Counts.Sum()).Should().Be((rows.Count, rows.Count)));
        reference.Targets.Should().AllSatisfy(t => t.Rows.Should().Be(split.Train.Count));
        reference.From.Should().Be(split.Dataset.Features.OpenTimes[rows[0]]);
        reference.To.Should().Be(split.Dataset.Features.OpenTimes[rows[^1]]).And.BeBefore(description.Split.ValidationFrom);

        // Unscaled: the close column's range is the training closes', in dollars.
        var closes = rows.Select(r => bundles.Data.Dataset.Features[r, 0]).ToArray();
        var close = reference.Features[0];
        (close.Min, close.Max).Should().Be((closes.Min(), closes.Max()));
        close.Max.Should().BeGreaterThan(8000);
    }

    [Fact]
    public void The_reference_round_trips_through_model_json_exactly()
    {
        var stored = Current.Description.DriftReference!;
        var built = DriftReference.Build(bundles.Data.Split);

        stored.Features.Zip(built.Features).Should().AllSatisfy(p =>
        {
            p.First.Sample.Should().Equal(p.Second.Sample);
            p.First.Edges.Should().Equal(p.Second.Edges);
            p.First.Counts.Should().Equal(p.Second.Counts);
        });
    }

    [Fact]
    public void Candles_of_2025_have_drifted_from_a_model_trained_on_early_2020()
    {
        var report = DriftCheck.Run(Current, bundles.Late);

        report.Drifted.Should().BeTrue();
        report.ReferenceRebuilt.Should().BeFalse();
        report.Features.Select(f => f.Psi).Should().BeInDescendingOrder();
        foreach (var name in PriceLevels)
        {
            var feature = report.Features.Single(f => f.Name == name);
            feature.Drifted.Should().BeTrue("{0} is a price level: ~$100,000 against ~$8,000", name);
            feature.Ks.Should().Be(1, "no 2025 {0} is inside the 2020 range", name);
            feature.KsPValue.Should().BeLessThan(1e-100);
            feature.Js.Should().BeApproximately(AllInTopDecile, 0.01, "every 2025 {0} falls in the top decile bin", name);
        }

        report.MaxPsi.Should().Be(report.Features[0].Psi).And.BeGreaterThan(5);
        report.Candles.Should().Be(2000);
        report.Rows.Should().Be(2000 - 33, "MACD's warm-up (26 + 9 - 2 candles) is the longest of ohlc13");
        report.Targets.Should().ContainSingle().Which.Name.Should().Be("close_h1");
    }

    [Fact]
    public void The_training_candles_themselves_have_not_drifted()
    {
        var reference = Current.Description.DriftReference!;
        var end = bundles.Training.OpenTimes.ToArray().ToList().IndexOf(reference.To);
        var trainingPart = bundles.Training.Slice(0, end + 1);

        var report = DriftCheck.Run(Current, trainingPart);

        report.Drifted.Should().BeFalse();
        report.MaxPsi.Should().BeLessThan(0.01);
        report.Features.Should().AllSatisfy(f =>
        {
            f.KsPValue.Should().BeGreaterThan(0.99, "{0} is compared with itself", f.Name);
            f.Js.Should().BeLessThan(0.001);
        });
        report.Targets.Should().ContainSingle().Which.Drifted.Should().BeFalse();
    }

    [Fact]
    public void A_bundle_without_a_reference_has_it_rebuilt_from_its_training_candles()
    {
        var earlier = ModelBundle.Load(bundles.EarlierBuild);
        earlier.Description.DriftReference.Should().BeNull();

        var rebuilt = DriftCheck.Run(earlier, bundles.Late, trainingCandidates: [bundles.Late, bundles.Training]);
        var stored = DriftCheck.Run(Current, bundles.Late);

        rebuilt.ReferenceRebuilt.Should().BeTrue();
        rebuilt.Notes.Should().ContainSingle().Which.Should().Contain("rebuilt from its training candles");
        rebuilt.Features.Should().BeEquivalentTo(stored.Features, o => o.WithStrictOrdering());
        rebuilt.Targets.Should().BeEquivalentTo(stored.Targets, o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_candle_file_that_has_grown_since_training_still_rebuilds_the_reference()
    {
        var earlier = ModelBundle.Load(bundles.EarlierBuild);
        var grown = bundles.All.Slice(0, DriftBundles.TrainingCandles + 500);

        var report = DriftCheck.Run(earlier, grown);

        report.ReferenceRebuilt.Should().BeTrue();
        report.Features.Should().BeEquivalentTo(DriftCheck.Run(Current, grown).Features);
    }

    [Fact]
    public void A_bundle_without_a_reference_and_without_its_training_candles_says_to_retrain()
    {
        var earlier = ModelBundle.Load(bundles.EarlierBuild);

        var act = () => DriftCheck.Run(earlier, bundles.Late);

        act.Should().Throw<ModelBundleException>()
            .WithMessage($"'{earlier.DescriptionPath}' has no drift_reference*cannot be rebuilt: the model was trained on 2000 candles 2020-01-01 00:00*" +
                "but the candles given are 2000 candles 2025-*Retrain the model*cryptopredict train --symbol BTCUSDT --interval 1h --model lstm");
    }

    [Fact]
    public void Too_few_candles_for_the_features_is_a_data_error()
    {
        var act = () => DriftCheck.Run(Current, bundles.Late.Slice(0, 60));

        act.Should().Throw<ForecastDataException>()
            .WithMessage("too few candles to check for drift: 60 candles give 27 rows with every feature of 'ohlc13' defined (the indicators' warm-up takes the first 33); drift needs at least 50.");
    }

    [Fact]
    public void Few_samples_leave_the_targets_out_with_a_note()
    {
        // 33 warm-up rows, then 50 feature rows: windows of 8 and a target after each give 42 samples.
        var report = DriftCheck.Run(Current, bundles.Late.Slice(0, 83));

        report.Rows.Should().Be(50);
        report.Targets.Should().BeEmpty();
        report.Notes.Should().ContainSingle().Which.Should().StartWith("targets not compared: the candles give 42 samples");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void The_threshold_must_be_a_positive_number(double threshold)
    {
        var act = () => DriftCheck.Run(Current, bundles.Late, threshold);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The PSI threshold must be a finite number above 0*");
    }

    [Fact]
    public void A_higher_threshold_changes_the_verdict_not_the_statistics()
    {
        var strict = DriftCheck.Run(Current, bundles.Late);
        var lenient = DriftCheck.Run(Current, bundles.Late, psiThreshold: 1000);

        lenient.Drifted.Should().BeFalse();
        lenient.Features.Select(f => f.Psi).Should().Equal(strict.Features.Select(f => f.Psi));
    }

    [Fact]
    public void A_2025_window_is_outside_the_training_range_on_its_price_levels_only()
    {
        var description = Current.Description;
        var features = Forecaster.ComputeFeatures(description, bundles.Late);

        var warnings = TrainingRange.Outside(description, features, features.RowCount - 1);

        var named = warnings.Select(w => w[..w.IndexOf(':', StringComparison.Ordinal)]).ToArray();
        named.Should().Contain(PriceLevels).And.NotContain(["rsi_14", "bb_position"], "bounded oscillators stay inside any range");
        var close = warnings.Single(w => w.StartsWith("close:", StringComparison.Ordinal));
        var highest = bundles.Late.Close[^8..].ToArray().Max();
        close.Should().StartWith("close: 8 of the window's 8 values are outside the training range ")
            .And.Contain($"(the farthest {highest:G6} at ").And.EndWith(" UTC, above); the forecast extrapolates");
    }

    [Fact]
    public void A_training_window_is_inside_the_range_and_an_earlier_build_gives_no_warning()
    {
        var features = Forecaster.ComputeFeatures(Current.Description, bundles.Training);
        var lastTrainingRow = bundles.Data.Split.TrainingRows()[^1];

        TrainingRange.Outside(Current.Description, features, lastTrainingRow).Should().BeEmpty();

        var late = Forecaster.ComputeFeatures(Current.Description, bundles.Late);
        TrainingRange.Outside(ModelBundle.Load(bundles.EarlierBuild).Description, late, late.RowCount - 1).Should().BeEmpty("it records no range");
    }

    [Fact]
    public void Predict_carries_the_warnings_of_its_window()
    {
        using var forecaster = new Forecaster(Current, Torch.Device.Cpu);

        var prediction = Predictor.PredictLatest(forecaster, bundles.Late);

        prediction.Warnings.Should().HaveCountGreaterThanOrEqualTo(PriceLevels.Length).And.Contain(w => w.StartsWith("close: 8 of the window's 8 values", StringComparison.Ordinal));
        Predictor.PredictLatest(forecaster, bundles.Training.Slice(0, 800)).Warnings.Should().BeEmpty();
    }
}
