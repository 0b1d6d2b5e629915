using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Tests.Models;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Evaluation;

[Collection(SerialTorchTests.Name)]
public sealed class WalkForwardTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cp-walk-forward-").FullName;

    private static CandleSeries Candles => RealCandles.BtcHead2000;

    private static TrainingOverrides Tiny => new() { Epochs = 1, Window = 16, BatchSize = 64 };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private WalkForwardEvaluation Evaluation(int folds, string folder = "a", string model = "lstm", int retrainEvery = 1, TrainingOverrides? settings = null) => new(new WalkForwardRequest
    {
        Symbol = "BTCUSDT",
        Interval = "1h",
        Model = model,
        Settings = settings ?? Tiny,
        Folds = folds,
        RetrainEvery = retrainEvery,
        CheckpointsRoot = Path.Combine(_root, folder),
    });

    private static TrainingConfiguration Configuration => Tiny.Over(TrainingConfiguration.For(ModelCatalog.Get("lstm"), "BTCUSDT", "1h"));

    [Fact]
    public void Folds_are_chronological_blocks_that_never_overlap_and_end_with_the_candles()
    {
        var plan = WalkForwardPlan.Create(Candles, Configuration, 4);

        plan.Folds.Should().HaveCount(4);
        plan.Folds.Select(f => f.Number).Should().Equal(1, 2, 3, 4);
        for (var k = 1; k < plan.Folds.Count; k++)
        {
            plan.Folds[k].TestFrom.Should().BeAfter(plan.Folds[k - 1].TestTo);
            plan.Folds[k].Candles.Should().BeGreaterThan(plan.Folds[k - 1].Candles);
        }

        plan.Folds[^1].Candles.Should().Be(Candles.Count, "the last block's last label is the last candle");
        plan.Folds[0].TestFrom.Should().BeAfter(Candles.OpenTimes[0] + TimeSpan.FromHours(plan.Samples / 5 - 1), "the first block of n / (K + 1) samples only trains");
    }

    [Fact]
    public void Too_many_folds_for_the_candles_and_fewer_than_two_are_refused()
    {
        var few = Candles.Slice(0, 300);

        FluentActions.Invoking(() => WalkForwardPlan.Create(few, Configuration, 20))
            .Should().Throw<TrainingDataException>().WithMessage("*20 folds leave blocks of*purge gap*fewer folds or more candles*");
        FluentActions.Invoking(() => WalkForwardPlan.Create(Candles, Configuration, 1))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*2 to 100 folds*");
    }

    [Fact]
    public void A_split_from_a_time_tests_from_it_purged_and_trains_on_everything_before()
    {
        var configuration = Configuration;
        var features = FeatureSet.Parse(configuration.Features).Compute(Candles);
        var dataset = TrainingData.BuildDataset(Candles, features, configuration, ModelCatalog.Get("lstm"));
        var testFrom = dataset.EndTime(1500);

        var split = DatasetSplit.From(dataset, testFrom, configuration.TrainFraction, configuration.ValidationFraction);

        var lastValidationLabel = dataset.EndRow(split.Validation[^1]) + dataset.Horizon;
        dataset.StartRow(split.Test[0]).Should().BeGreaterThan(lastValidationLabel, "the purge gap separates validation labels from test inputs");
        split.Test.Should().OnlyContain(s => dataset.EndTime(s) >= testFrom).And.EndWith(dataset.Count - 1);
        split.Validation.Should().OnlyContain(s => dataset.EndTime(s) < testFrom);
        split.Train.Count.Should().Be((int)Math.Floor(1500 * 0.70 / 0.85));
    }

    [Fact]
    public void Each_fold_is_scored_on_its_own_block_against_persistence_and_pooled()
    {
        var result = Evaluation(3).Execute(Candles, Device.Cpu, null, CancellationToken.None);

        result.Folds.Should().HaveCount(3);
        foreach (var fold in result.Folds)
        {
            var samples = fold.Evaluation.Samples;
            samples.From.Should().BeOnOrAfter(fold.Fold.TestFrom);
            samples.To.Should().Be(fold.Fold.TestTo);
            fold.TrainTo.Should().BeBefore(fold.Fold.TestFrom, "the model of a fold never trains on its block");
            fold.TrainedBy.Should().Be(fold.Fold.Number);
            fold.Evaluation.Regression.Should().ContainSingle().Which.Comparison.Persistence.Mae.Should().BePositive();
        }

        result.Pooled.Should().ContainSingle();
        result.Pooled[0].Model.Samples.Should().Be(result.TestSamples);
        var foldMae = result.Folds.Sum(f => f.Evaluation.Regression[0].Comparison.Model.Mae * f.Evaluation.Samples.Count) / result.TestSamples;
        result.Pooled[0].Model.Mae.Should().BeApproximately(foldMae, 1e-9 * foldMae, "the pooled MAE is the sample-weighted mean of the folds'");
    }

    [Fact]
    public void Later_candles_never_change_an_earlier_fold()
    {
        var evaluation = Evaluation(3);
        var plan = WalkForwardPlan.Create(Candles, evaluation.Configuration, 3);
        var first = plan.Folds[0];
        var full = evaluation.Execute(Candles, plan, Device.Cpu, null, CancellationToken.None);

        // The same first fold on the candles cut after its last label, and on candles whose later prices are doubled.
        var truncated = Evaluation(3, "b").Execute(Candles.Slice(0, first.Candles), WalkForwardPlan.Of([first], plan.Samples), Device.Cpu, null, CancellationToken.None);
        var altered = Evaluation(3, "c").Execute(WithLaterPricesDoubled(Candles, first.Candles), WalkForwardPlan.Of([first], plan.Samples), Device.Cpu, null, CancellationToken.None);

        var expected = full.Folds[0].Evaluation.Regression[0];
        foreach (var other in new[] { truncated, altered })
        {
            var fold = other.Folds.Should().ContainSingle().Subject.Evaluation.Regression[0];
            fold.Predicted.Should().Equal(expected.Predicted);
            fold.Actual.Should().Equal(expected.Actual);
            fold.Comparison.Should().Be(expected.Comparison);
        }
    }

    [Fact]
    public void A_second_invocation_loads_the_finished_folds_instead_of_training_them_again()
    {
        var first = Evaluation(2).Execute(Candles, Device.Cpu, null, CancellationToken.None);
        var messages = new Messages();

        var second = Evaluation(2).Execute(Candles, Device.Cpu, messages, CancellationToken.None);

        second.Folds.Should().OnlyContain(f => f.Reused);
        messages.Starts.Should().Be(0, "no fold trained");
        second.Pooled.Should().Equal(first.Pooled);
        first.Folds.Should().OnlyContain(f => !f.Reused);
    }

    [Fact]
    public void Other_settings_train_the_folds_again()
    {
        Evaluation(2).Execute(Candles, Device.Cpu, null, CancellationToken.None);

        var other = Evaluation(2, settings: Tiny with { Seed = 7 }).Execute(Candles, Device.Cpu, null, CancellationToken.None);

        other.Folds.Should().OnlyContain(f => !f.Reused);
    }

    [Fact]
    public void Retrain_every_two_folds_tests_the_fold_in_between_with_the_last_model()
    {
        var result = Evaluation(3, retrainEvery: 2).Execute(Candles, Device.Cpu, null, CancellationToken.None);

        result.Folds.Select(f => f.TrainedBy).Should().Equal(1, 1, 3);
        result.Folds[1].ModelDirectory.Should().Be(result.Folds[0].ModelDirectory);
        result.Folds[1].Evaluation.Samples.From.Should().BeOnOrAfter(result.Folds[1].Fold.TestFrom);
        FluentActions.Invoking(() => Evaluation(3, retrainEvery: 4)).Should().Throw<ArgumentException>().WithMessage("*between 1 and the number of folds (3)*");
    }

    [Fact]
    public void A_classifier_is_pooled_against_the_majority_class()
    {
        var result = Evaluation(2, model: "cnn-lstm-regime", settings: new TrainingOverrides { Epochs = 1, Window = 8, BatchSize = 64 })
            .Execute(Candles, Device.Cpu, null, CancellationToken.None);

        result.Pooled.Should().BeEmpty();
        var pooled = result.PooledClassification!;
        pooled.Model.Samples.Should().Be(result.TestSamples);
        pooled.Baseline.Should().NotBeNull();
        var accuracy = result.Folds.Sum(f => f.Evaluation.Classification!.Model.Accuracy * f.Evaluation.Samples.Count) / result.TestSamples;
        pooled.Model.Accuracy.Should().BeApproximately(accuracy, 1e-12);
    }

    private static CandleSeries WithLaterPricesDoubled(CandleSeries series, int from)
    {
        double[] Doubled(ReadOnlySpan<double> values)
        {
            var copy = values.ToArray();
            for (var i = from; i < copy.Length; i++)
            {
                copy[i] *= 2;
            }

            return copy;
        }

        return new CandleSeries(series.Symbol, series.Interval, series.OpenTimes.ToArray(), Doubled(series.Open), Doubled(series.High),
            Doubled(series.Low), Doubled(series.Close), series.Volume.ToArray());
    }

    private sealed class Messages : ITrainingObserver
    {
        public int Starts { get; private set; }

        public void OnStart(TrainingPlan plan) => Starts++;

        public void OnBatch(int epoch, int batch, int batches)
        {
        }

        public void OnEpoch(EpochRecord record, TrainerState state)
        {
        }

        public void OnMessage(string message)
        {
        }
    }
}
