using System.Text.Json.Nodes;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Tests.Models;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Evaluation;

[Collection(SerialTorchTests.Name)]
public sealed class EvaluatorTests(EvaluatorBundles bundles) : IClassFixture<EvaluatorBundles>
{
    private readonly List<EvaluationNote> _notes = [];

    private static CandleSeries Trained => RealCandles.BtcHead2000;

    private EvaluationSamples Select(string directory, CandleSeries series, EvaluationPart part)
    {
        using var forecaster = new Forecaster(ModelBundle.Load(directory), Device.Cpu);
        return Evaluator.SelectSamples(forecaster.Bundle, series, forecaster.ComputeFeatures(series), part, _notes.Add);
    }

    [Fact]
    public void The_test_part_of_the_trained_candles_is_the_test_part_training_held_out()
    {
        var samples = Select(bundles.Close, Trained, EvaluationPart.Test);

        var split = bundles.CloseData.Split;
        samples.Part.Should().Be(EvaluationPart.Test);
        samples.EndRows.Should().Equal(split.Test.Select(split.Dataset.EndRow)).And.NotBeEmpty();
        samples.Count.Should().Be(ModelBundle.Load(bundles.Close).Description.Split.TestSamples);
        samples.From.Should().Be(split.Dataset.EndTime(split.Test[0]));
        _notes.Should().BeEmpty();
    }

    [Fact]
    public void On_other_candles_the_test_part_is_taken_by_the_recorded_time_range_with_a_warning()
    {
        var longer = RealCandles.Btc(0, 2600);

        var samples = Select(bundles.Close, longer, EvaluationPart.Test);

        var split = bundles.CloseData.Split;
        samples.EndRows.Should().Equal(split.Test.Select(split.Dataset.EndRow), "features of the first 2,000 candles do not depend on later ones");
        _notes.Should().ContainSingle(n => n.IsWarning && n.Message.Contains("not the ones the model was trained on") && n.Message.Contains("time range"));
    }

    [Fact]
    public void Every_sample_of_a_file_is_scored_and_the_trained_candles_get_a_warning()
    {
        var heldOut = RealCandles.Btc(2000, 600);

        var samples = Select(bundles.Close, heldOut, EvaluationPart.All);

        samples.Samples.Should().Equal(Enumerable.Range(0, samples.Dataset.Count));
        samples.Count.Should().BeGreaterThan(500);
        samples.Series.Should().BeSameAs(heldOut);
        _notes.Should().BeEmpty();

        Select(bundles.Close, Trained, EvaluationPart.All).Count.Should().Be(bundles.CloseData.Dataset.Count);
        _notes.Should().ContainSingle(n => n.IsWarning && n.Message.Contains("metrics include its training and validation samples"));
    }

    [Fact]
    public void Volatility_samples_without_enough_contiguous_candles_for_the_baselines_are_left_out()
    {
        var samples = Select(bundles.Volatility, Trained, EvaluationPart.All);

        // The baselines read the 24 returns before each end row: rows t-24..t must be consecutive candles.
        var expected = Enumerable.Range(0, samples.Dataset.Count)
            .Where(s => samples.Dataset.EndRow(s) >= 24 && FeatureTestData.Consecutive(Trained, samples.Dataset.EndRow(s) - 24, samples.Dataset.EndRow(s)));
        samples.Samples.Should().Equal(expected);
        samples.Count.Should().BeLessThan(samples.Dataset.Count, "the window of 8 is shorter than the 25 rows after a gap that the baselines need");
        _notes.Should().Contain(n => !n.IsWarning && n.Message.StartsWith($"left out {samples.Dataset.Count - samples.Count} of {samples.Dataset.Count} samples", StringComparison.Ordinal));
    }

    [Fact]
    public void Candles_that_give_no_sample_are_refused_with_the_reason()
    {
        var tooFew = () => Select(bundles.Close, RealCandles.Btc(0, 12), EvaluationPart.All);
        tooFew.Should().Throw<ForecastDataException>().WithMessage("too few candles: 12 candles give no complete sample (each sample needs 16 contiguous candles*");

        var outsideRange = () => Select(bundles.Close, RealCandles.Btc(3000, 500), EvaluationPart.Test);
        outsideRange.Should().Throw<ForecastDataException>().WithMessage("no sample to score: the 500 candles*test range*Pass --data FILE*");
    }

    [Fact]
    public void A_bundle_whose_training_settings_disagree_with_its_window_is_refused_naming_model_json()
    {
        var bundle = ModelBundle.Load(bundles.Close);
        var directory = Path.Combine(bundles.Root, "inconsistent");

        // The bundle's own validation refuses it before the evaluator could score it: at publish, and at load.
        var act = () => ModelBundle.Publish(directory, bundle.Description with { Training = bundle.Description.Training with { Window = 30 } }, bundle.Weights);

        act.Should().Throw<ModelBundleException>().WithMessage($"*{ModelBundle.DescriptionFileName}*field 'training.window' is '30', but 'window' is '16'*");
        Directory.Exists(Path.Combine(directory, ModelBundle.VersionsFolderName)).Should().BeFalse();
    }

    [Fact]
    public void Scores_are_prices_decoded_as_predict_decodes_them_next_to_persistence()
    {
        using var forecaster = new Forecaster(ModelBundle.Load(bundles.Close), Device.Cpu);
        var evaluation = Evaluator.Evaluate(forecaster, Trained, EvaluationPart.Test, _notes.Add);

        var target = evaluation.Regression.Should().ContainSingle().Subject;
        var samples = evaluation.Samples;
        target.IsPrice.Should().BeTrue();
        for (var i = 0; i < samples.Count; i++)
        {
            var t = samples.EndRows[i];
            target.Reference[i].Should().Be(Trained.Close[t], "persistence forecasts the last close");
            target.Actual[i].Should().BeApproximately(Trained.Close[t + 1], 1e-9 * Trained.Close[t + 1]);
            target.Times[i].Should().Be(Trained.OpenTimes[t] + Trained.Interval.Duration);
        }

        // predict on the candles up to a sample's end row forecasts from the same window: the same price.
        var last = samples.EndRows[^1];
        var prediction = Predictor.PredictLatest(forecaster, Trained.Slice(0, last + 1));
        prediction.PredictedClose.Should().BeApproximately(target.Predicted[^1], 1e-6 * prediction.LastClose);
        target.Comparison.Target.Should().Be("close_h1");
        _notes.Should().ContainSingle(n => n.Message == $"scoring lstm on {samples.Count} samples (test) on cpu");

        var report = EvaluationReports.Build(evaluation, "candles.csv");
        report.Samples.Should().Be(samples.Count);
        report.Charts.Should().ContainSingle().Which.ValueLabel.Should().Be("price");
        report.DataEnd.Should().Be(Trained.OpenTimes[last + 1]);
    }

    [Fact]
    public void A_log_volatility_model_is_scored_as_volatility_beside_ewma_har_and_garch_chosen_on_validation()
    {
        using var forecaster = new Forecaster(ModelBundle.Load(bundles.Volatility), Device.Cpu);
        forecaster.Bundle.Description.Targets.Should().Equal("log_realized_vol_24");
        var evaluation = Evaluator.Evaluate(forecaster, Trained, EvaluationPart.Test, _notes.Add);

        var target = evaluation.Regression.Should().ContainSingle().Subject;
        var comparison = target.Comparison;
        comparison.Target.Should().Be("realized_vol_24");
        comparison.Baselines.Select(b => b.Name).Should().Equal("persistence", "ewma_0.94", "har_rv", "garch_1_1");
        target.Actual.Should().OnlyContain(v => v > 0 && v < 1, "actuals are volatilities, not their logs");
        target.Predicted.Should().OnlyContain(v => v > 0, "exp of the model's output");

        // Every baseline was scored on the validation part; the strongest is the lowest there, whatever the test part says.
        var samples = evaluation.Samples;
        samples.ValidationSamples.Should().NotBeEmpty();
        samples.ValidationSamples.Min().Should().BeGreaterThan(samples.TrainingSamples.Max());
        samples.Samples.Min().Should().BeGreaterThan(samples.ValidationSamples.Max());
        comparison.StrongestChosenOn.Should().Be(RegressionComparison.ChosenOnValidation);
        comparison.Strongest.Should().Be(comparison.Baselines.MinBy(b => b.ValidationMae));

        // EWMA's validation MAE, recomputed from its definition on the validation samples.
        var rows = samples.ValidationSamples.Select(samples.Dataset.EndRow).ToArray();
        var ewma = VolatilityBaselines.Ewma(Trained.Close, rows, 24);
        var actual = samples.ValidationSamples.Select(s => Math.Exp(samples.Dataset.Target(s)[0])).ToArray();
        comparison.Baselines[1].ValidationMae.Should().BeApproximately(ewma.Select((e, i) => Math.Abs(actual[i] - e)).Average(), 1e-12);
        var persistence = VolatilityBaselines.Persistence(Trained.Close, rows, 24);
        comparison.Baselines[0].ValidationMae.Should().BeApproximately(persistence.Select((p, i) => Math.Abs(actual[i] - p)).Average(), 1e-12);
    }

    [Fact]
    public void A_close_model_s_only_baseline_is_persistence_and_the_test_metrics_record_where_it_was_chosen()
    {
        using var forecaster = new Forecaster(ModelBundle.Load(bundles.Close), Device.Cpu);
        var evaluation = Evaluator.Evaluate(forecaster, Trained, EvaluationPart.Test, _notes.Add);

        var comparison = evaluation.Regression.Should().ContainSingle().Subject.Comparison;
        comparison.Baselines.Should().ContainSingle().Which.Name.Should().Be("persistence");
        comparison.Strongest.Name.Should().Be("persistence");
        double.IsNaN(comparison.Persistence.DirectionalAccuracy).Should().BeTrue("persistence has no direction");
        comparison.MaeRatio.Should().BeApproximately(comparison.Model.Mae / comparison.Persistence.Mae, 1e-12);

        var metrics = TestMetricsSummary.Of(evaluation).Targets.Should().ContainSingle().Subject;
        metrics.StrongestBaseline.Should().Be("persistence");
        metrics.StrongestBaselineChosenOn.Should().Be("validation");
        metrics.BaselineDirectionalAccuracy.Should().BeNull();
        metrics.StrongestBaselineMae.Should().Be(comparison.Persistence.Mae);
    }

    [Fact]
    public void A_volatility_bundle_made_before_the_log_target_still_forecasts_the_volatility_itself()
    {
        // The same weights and scalers in a bundle of the old layout whose model.json predates the flag: no
        // training.log_volatility, target realized_vol_24 (and, as bundles of that age, no drift reference).
        var current = ModelBundle.Load(bundles.Volatility);
        var old = Directory.CreateTempSubdirectory("cp-old-volatility-").FullName;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(current.DescriptionPath))!.AsObject();
            json["training"]!.AsObject().Remove("log_volatility").Should().BeTrue("new runs record the flag");
            json["targets"] = new JsonArray("realized_vol_24");
            json["target_scaler"]!["columns"] = new JsonArray("realized_vol_24");
            json.Remove("drift_reference");
            File.WriteAllText(Path.Combine(old, ModelBundle.DescriptionFileName), json.ToJsonString());
            File.Copy(current.WeightsPath, Path.Combine(old, ModelBundle.WeightsFileName));

            using var logged = new Forecaster(current, Device.Cpu);
            using var plain = new Forecaster(ModelBundle.Load(old), Device.Cpu);
            plain.Bundle.Description.Training.LogVolatility.Should().BeFalse();
            var window = Trained.Slice(0, 1500);
            var newer = Predictor.PredictLatest(logged, window).Values.Should().ContainSingle().Subject;
            var older = Predictor.PredictLatest(plain, window).Values.Should().ContainSingle().Subject;

            newer.Name.Should().Be("realized_vol_24");
            older.Name.Should().Be("realized_vol_24");
            older.Value.Should().BeApproximately(Math.Max(0, Math.Log(newer.Value)), 1e-6, "the old bundle reads the same output as the volatility, clamped at 0, as before");
            var evaluation = Evaluator.Evaluate(plain, Trained, EvaluationPart.Test);
            evaluation.Regression[0].Comparison.Target.Should().Be("realized_vol_24");
            evaluation.Regression[0].Predicted.Should().OnlyContain(v => v >= 0);
        }
        finally
        {
            Directory.Delete(old, recursive: true);
        }
    }
}
