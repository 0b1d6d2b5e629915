using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Tests.Models;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Training;

/// <summary><c>train --resume --additional-epochs N</c>: N epochs beyond the checkpoint's, exactly as a straight run would have trained them.</summary>
[Collection(SerialTorchTests.Name)]
public sealed class AdditionalEpochsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cp-additional-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CandleSeries Candles => RealCandles.BtcHead2000;

    private TrainingRun Run(string folder, TrainingOverrides settings, bool resume = false) => new(new TrainingRunRequest
    {
        Symbol = "BTCUSDT",
        Interval = "1h",
        Model = "lstm",
        Settings = settings with { Window = 16, BatchSize = 64, Seed = 7, Features = "close" },
        Resume = resume,
        CheckpointsRoot = Path.Combine(_root, folder, "checkpoints"),
        ModelsRoot = Path.Combine(_root, folder, "models"),
    });

    private static Checkpoint Latest(TrainingRun run) => CheckpointStore.Load(Path.Combine(run.CheckpointDirectory, CheckpointStore.CurrentFileName));

    [Fact]
    public void Two_epochs_then_two_additional_is_bit_for_bit_the_straight_four()
    {
        var straightRun = Run("straight", new TrainingOverrides { Epochs = 4 });
        var straight = straightRun.Execute(Candles, Device.Cpu, null, CancellationToken.None);
        Run("split", new TrainingOverrides { Epochs = 2 }).Execute(Candles, Device.Cpu, null, CancellationToken.None);
        var resumedRun = Run("split", new TrainingOverrides { AdditionalEpochs = 2 }, resume: true);

        var resumed = resumedRun.Execute(Candles, Device.Cpu, null, CancellationToken.None);

        resumed.Configuration.Epochs.Should().Be(4);
        resumed.Outcome.EpochsRunNow.Should().Be(2);
        resumed.Outcome.State.History.Select(h => h.ValidationLoss).Should().Equal(straight.Outcome.State.History.Select(h => h.ValidationLoss));
        Latest(resumedRun).Weights.Should().Equal(Latest(straightRun).Weights, "the weights after epoch 4 must be identical bytes");
        Latest(resumedRun).Optimizer.Should().Equal(Latest(straightRun).Optimizer);
        resumed.Outcome.BestWeights.Should().Equal(straight.Outcome.BestWeights);
    }

    [Fact]
    public void Epochs_that_agree_with_the_additional_ones_are_accepted_and_others_are_a_usage_error()
    {
        Run("run", new TrainingOverrides { Epochs = 1 }).Execute(Candles, Device.Cpu, null, CancellationToken.None);

        var disagreeing = () => Run("run", new TrainingOverrides { Epochs = 5, AdditionalEpochs = 1 }, resume: true)
            .Execute(Candles, Device.Cpu, null, CancellationToken.None);

        var error = disagreeing.Should().Throw<RequestException>().Which;
        error.Kind.Should().Be(FailureKind.Usage);
        error.Message.Should().Contain("--epochs 5").And.Contain("--additional-epochs 1").And.Contain("finished 1 epoch").And.Contain("means --epochs 2");
        var agreeing = Run("run", new TrainingOverrides { Epochs = 2, AdditionalEpochs = 1 }, resume: true).Execute(Candles, Device.Cpu, null, CancellationToken.None);
        agreeing.Outcome.State.History.Should().HaveCount(2);
    }

    [Fact]
    public void An_early_stopped_run_is_re_armed_and_trains_the_additional_epochs()
    {
        var first = Run("run", new TrainingOverrides { Epochs = 1, Patience = 3 });
        first.Execute(Candles, Device.Cpu, null, CancellationToken.None);
        var path = Path.Combine(first.CheckpointDirectory, CheckpointStore.CurrentFileName);
        var stopped = CheckpointStore.Load(path);
        File.WriteAllBytes(path, stopped.WithState(stopped.State with { EarlyStopped = true, EpochsWithoutImprovement = 3 }).ToBytes());
        var observer = new Messages();

        var resumed = Run("run", new TrainingOverrides { AdditionalEpochs = 2 }, resume: true).Execute(Candles, Device.Cpu, observer, CancellationToken.None);

        resumed.Outcome.EpochsRunNow.Should().Be(2, "a patience of 3 cannot stop two epochs early once re-armed");
        resumed.Outcome.State.History.Should().HaveCount(3);
        resumed.Outcome.Stop.Should().Be(TrainingStop.EpochsDone);
        resumed.Configuration.Epochs.Should().Be(3);
        observer.Lines.Should().Contain(m => m.Contains("re-arms early stopping", StringComparison.Ordinal) && m.Contains("after 3 without", StringComparison.Ordinal));
    }

    [Fact]
    public void An_early_stopped_run_resumed_without_additional_epochs_trains_nothing_and_says_how_to()
    {
        var message = TrainingRun.ResumeMessage("x.cpt", new TrainerState { NextEpoch = 5, BestEpoch = 2, EarlyStopped = true }, 100);

        message.Should().Contain("nothing left to train").And.Contain("--additional-epochs N");
    }

    [Fact]
    public void Additional_epochs_without_resume_or_below_one_are_argument_errors()
    {
        var fresh = () => Run("x", new TrainingOverrides { AdditionalEpochs = 2 });
        fresh.Should().Throw<ArgumentException>().WithMessage("*--additional-epochs only applies to --resume*");

        var zero = () => Run("x", new TrainingOverrides { AdditionalEpochs = 0 }, resume: true);
        zero.Should().Throw<ArgumentException>().WithMessage("*--additional-epochs must be between 1 and 100000 (got 0)*");
    }

    [Theory]
    [InlineData(null, null, 7, 100, 100)]
    [InlineData(12, null, 7, 100, 12)]
    [InlineData(null, 3, 7, 100, 10)]
    [InlineData(10, 3, 7, 100, 10)]
    public void The_budget_is_the_finished_epochs_plus_the_additional_ones(int? epochs, int? additional, int finished, int basis, int expected) =>
        new TrainingOverrides { Epochs = epochs, AdditionalEpochs = additional }.EpochBudget(finished, basis).Should().Be(expected);

    private sealed class Messages : ITrainingObserver
    {
        public List<string> Lines { get; } = [];

        public void OnStart(TrainingPlan plan)
        {
        }

        public void OnBatch(int epoch, int batch, int batches)
        {
        }

        public void OnEpoch(EpochRecord record, TrainerState state)
        {
        }

        public void OnMessage(string message) => Lines.Add(message);
    }
}
