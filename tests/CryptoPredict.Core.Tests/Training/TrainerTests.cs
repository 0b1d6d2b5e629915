using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Tests.Models;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Training;

[Collection(SerialTorchTests.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cp-trainer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CandleSeries Candles => RealCandles.BtcHead2000;

    /// <summary>A small but real run: the two-layer LSTM with dropout on 2,000 BTC closes, windows of 16.</summary>
    private static TrainingConfiguration Configuration(int epochs, string model = "lstm") =>
        TrainingConfiguration.For(ModelCatalog.Get(model), "BTCUSDT", "1h") with
        {
            Epochs = epochs,
            Window = 16,
            BatchSize = 64,
            Seed = 7,
            Features = model == "lstm" ? "close" : "ohlc13",
        };

    private TrainingOutcome Train(string folder, TrainingConfiguration configuration, bool resume, ITrainingObserver? observer = null, CancellationToken token = default)
    {
        var store = new CheckpointStore(Path.Combine(_root, folder));
        var data = TrainingData.Prepare(Candles, configuration);
        var checkpoint = resume ? store.LoadLatest(out _) : null;
        return new Trainer(data, Device.Cpu, store, observer).Run(checkpoint, token);
    }

    private Checkpoint Latest(string folder) => CheckpointStore.Load(Path.Combine(_root, folder, CheckpointStore.CurrentFileName));

    [Fact]
    public void Stopping_after_two_epochs_and_resuming_to_four_is_bit_for_bit_the_straight_run()
    {
        var straight = Train("straight", Configuration(4), resume: false);
        Train("split", Configuration(2), resume: false).State.NextEpoch.Should().Be(2);
        var resumed = Train("split", Configuration(4), resume: true);

        resumed.EpochsRunNow.Should().Be(2);
        resumed.State.History.Select(h => h.ValidationLoss).Should().Equal(straight.State.History.Select(h => h.ValidationLoss));
        resumed.State.History.Select(h => h.TrainLoss).Should().Equal(straight.State.History.Select(h => h.TrainLoss));
        Latest("split").Weights.Should().Equal(Latest("straight").Weights, "the weights after epoch 4 must be identical bytes");
        Latest("split").Optimizer.Should().Equal(Latest("straight").Optimizer);
        resumed.BestWeights.Should().Equal(straight.BestWeights);
        straight.State.History.Select(h => h.ValidationLoss).Distinct().Should().HaveCount(4, "the run must actually change the model each epoch");
    }

    [Fact]
    public void Cancelling_mid_epoch_writes_a_checkpoint_that_resumes_to_the_same_result()
    {
        var straight = Train("straight", Configuration(3, "bilstm-ohlc"), resume: false);

        using var cancel = new CancellationTokenSource();
        var observer = new CancelAt(epoch: 2, batch: 5, cancel);
        var interrupted = Train("split", Configuration(3, "bilstm-ohlc"), resume: false, observer, cancel.Token);
        interrupted.Stop.Should().Be(TrainingStop.Cancelled);
        interrupted.State.NextEpoch.Should().Be(1);
        interrupted.State.BatchInEpoch.Should().Be(5);

        var resumed = Train("split", Configuration(3, "bilstm-ohlc"), resume: true);
        resumed.Stop.Should().Be(TrainingStop.EpochsDone);
        resumed.State.History.Select(h => h.ValidationLoss).Should().Equal(straight.State.History.Select(h => h.ValidationLoss));
        Latest("split").Weights.Should().Equal(Latest("straight").Weights);
    }

    [Fact]
    public void A_damaged_checkpoint_falls_back_to_the_previous_good_one()
    {
        Train("run", Configuration(2), resume: false);
        var store = new CheckpointStore(Path.Combine(_root, "run"));
        File.Exists(store.PreviousPath).Should().BeTrue();
        var bytes = File.ReadAllBytes(store.CurrentPath);
        File.WriteAllBytes(store.CurrentPath, bytes[..(bytes.Length / 2)]);

        var checkpoint = store.LoadLatest(out var reason);
        checkpoint.State.NextEpoch.Should().Be(1);
        reason.Should().Contain(store.CurrentPath).And.Contain("previous good checkpoint");

        File.WriteAllBytes(store.PreviousPath, [1, 2, 3]);
        var act = () => store.LoadLatest(out _);
        act.Should().Throw<CheckpointException>().WithMessage($"*{store.PreviousPath}*");
    }

    [Fact]
    public void A_flipped_byte_is_reported_as_corruption_not_a_crash()
    {
        Train("run", Configuration(1), resume: false);
        var store = new CheckpointStore(Path.Combine(_root, "run"));
        var bytes = File.ReadAllBytes(store.CurrentPath);
        bytes[bytes.Length / 3] ^= 0xFF;
        File.WriteAllBytes(store.CurrentPath, bytes);
        File.Delete(store.PreviousPath);

        var act = () => store.LoadLatest(out _);
        act.Should().Throw<CheckpointException>().WithMessage("*corrupted or truncated*");
    }

    [Fact]
    public void Metrics_csv_has_one_line_per_finished_epoch()
    {
        Train("run", Configuration(2), resume: false);
        var lines = File.ReadAllLines(Path.Combine(_root, "run", CheckpointStore.MetricsFileName));
        lines.Should().HaveCount(3);
        lines[0].Should().Be("epoch,train_loss,val_loss,lr,samples_per_second,seconds,improved");
        lines[2].Should().StartWith("2,");
    }

    [Fact]
    public void Resume_settings_that_differ_are_named()
    {
        var saved = Configuration(2);
        saved.DifferencesFrom(saved with { Epochs = 50 }).Should().BeEmpty("the epoch budget may change on resume");
        (saved with { Window = 32, LearningRate = 0.01 }).DifferencesFrom(saved)
            .Should().BeEquivalentTo(["window: checkpoint 16, now 32", "lr: checkpoint 0.001, now 0.01"]);
    }

    [Fact]
    public void Too_few_candles_for_the_split_is_a_training_data_error()
    {
        var act = () => TrainingData.Prepare(Candles.Slice(0, 80), Configuration(1));
        act.Should().Throw<TrainingDataException>().WithMessage("*every part needs at least one sample*");
    }

    [Fact]
    public void Ohlc_targets_share_one_scale_and_no_shift_so_head_order_survives()
    {
        var data = TrainingData.Prepare(Candles, Configuration(1, "bilstm-ohlc"));
        data.TargetScaler.Center.Should().AllSatisfy(c => c.Should().Be(0));
        data.TargetScaler.Scale.Distinct().Should().ContainSingle().Which.Should().BeGreaterThan(0);
    }

    private sealed class CancelAt(int epoch, int batch, CancellationTokenSource source) : ITrainingObserver
    {
        public void OnStart(TrainingPlan plan)
        {
        }

        public void OnBatch(int e, int b, int batches)
        {
            if (e == epoch && b == batch)
            {
                source.Cancel();
            }
        }

        public void OnEpoch(EpochRecord record, TrainerState state)
        {
        }

        public void OnMessage(string message)
        {
        }
    }
}
