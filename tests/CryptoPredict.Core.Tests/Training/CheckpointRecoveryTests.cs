using CryptoPredict.Core.Models;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Tests.Models;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Training;

/// <summary>The checkpoints after epoch 1 and epoch 2 of one small real run, trained once for all recovery tests.</summary>
public sealed class TwoEpochCheckpoints : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-two-epochs-").FullName;

    public TwoEpochCheckpoints()
    {
        var configuration = TrainingConfiguration.For(ModelCatalog.Get("lstm"), "BTCUSDT", "1h") with
        {
            Epochs = 2, Window = 16, BatchSize = 64, Seed = 7, Features = "close",
        };
        var store = new CheckpointStore(_dir);
        new Trainer(TrainingData.Prepare(RealCandles.BtcHead2000, configuration), Device.Cpu, store).Run(null, CancellationToken.None);
        Epoch1 = File.ReadAllBytes(store.PreviousPath);
        Epoch2 = File.ReadAllBytes(store.CurrentPath);
    }

    public byte[] Epoch1 { get; }

    public byte[] Epoch2 { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

[Collection(SerialTorchTests.Name)]
public sealed class CheckpointRecoveryTests(TwoEpochCheckpoints run) : IClassFixture<TwoEpochCheckpoints>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("cp-recovery-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CheckpointStore Store => new(_dir);

    private static byte[] Damaged(byte[] bytes)
    {
        var copy = bytes.ToArray();
        copy[copy.Length / 3] ^= 0xFF;
        return copy;
    }

    private string Temp(byte[] bytes, DateTime written, string? name = null)
    {
        var path = Path.Combine(_dir, name ?? $".checkpoint.next.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, written);
        return path;
    }

    [Fact]
    public void After_a_fallback_the_next_save_keeps_the_good_previous_checkpoint()
    {
        var store = Store;
        File.WriteAllBytes(store.PreviousPath, run.Epoch1);
        File.WriteAllBytes(store.CurrentPath, Damaged(run.Epoch2));

        var notes = CheckpointRecovery.Recover(store, Now);

        notes.Should().ContainSingle().Which.Should().Contain("corrupted").And.Contain("checkpoint.corrupt-20250601T120000000Z.cpt");
        File.Exists(Path.Combine(_dir, "checkpoint.corrupt-20250601T120000000Z.cpt")).Should().BeTrue("the damaged file is kept aside, not lost");
        store.LoadLatest(out var fallback).State.NextEpoch.Should().Be(1);
        fallback.Should().Contain("previous good checkpoint");

        // The resumed run saves epoch 2 again; a crash that then damages the new current must still find epoch 1.
        store.Save(Checkpoint.FromBytes(run.Epoch2, "epoch 2"));
        File.ReadAllBytes(store.PreviousPath).Should().Equal(run.Epoch1, "the save rotated nothing over the last good checkpoint");
        File.WriteAllBytes(store.CurrentPath, Damaged(run.Epoch2));
        store.LoadLatest(out _).State.NextEpoch.Should().Be(1);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, null)]
    [InlineData(true, "checkpoint.next.tmp")]
    public void A_complete_temporary_checkpoint_newer_than_the_current_one_is_recovered(bool currentPresent, string? tempName)
    {
        // currentPresent: killed after the temp was written; absent: killed after checkpoint.cpt became the previous one.
        var store = Store;
        var written = new DateTime(2025, 6, 1, 10, 0, 0, DateTimeKind.Utc);
        File.WriteAllBytes(currentPresent ? store.CurrentPath : store.PreviousPath, run.Epoch1);
        File.SetLastWriteTimeUtc(currentPresent ? store.CurrentPath : store.PreviousPath, written);
        store.WriteMetrics(Checkpoint.FromBytes(run.Epoch1, "epoch 1").State.History);
        var temp = Temp(run.Epoch2, written.AddSeconds(5), tempName);

        var notes = CheckpointRecovery.Recover(store, Now);

        notes.Should().ContainSingle().Which.Should().Contain("Recovered").And.Contain(temp);
        File.Exists(temp).Should().BeFalse();
        File.ReadAllBytes(store.CurrentPath).Should().Equal(run.Epoch2);
        File.ReadAllBytes(store.PreviousPath).Should().Equal(run.Epoch1);
        File.ReadAllLines(store.MetricsPath).Should().HaveCount(3, "metrics.csv follows the recovered checkpoint");
    }

    [Fact]
    public void Incomplete_and_older_temporary_checkpoints_are_removed_and_the_pair_left_alone()
    {
        var store = Store;
        var written = new DateTime(2025, 6, 1, 10, 0, 0, DateTimeKind.Utc);
        File.WriteAllBytes(store.PreviousPath, run.Epoch1);
        File.WriteAllBytes(store.CurrentPath, run.Epoch2);
        File.SetLastWriteTimeUtc(store.CurrentPath, written);
        var truncated = Temp(run.Epoch2[..(run.Epoch2.Length / 2)], written.AddSeconds(5));
        var older = Temp(run.Epoch1, written.AddSeconds(-5));

        var notes = CheckpointRecovery.Recover(store, Now);

        notes.Should().HaveCount(2);
        notes.Should().Contain(n => n.Contains(truncated) && n.Contains("incomplete"));
        notes.Should().Contain(n => n.Contains(older) && n.Contains("not newer"));
        File.Exists(truncated).Should().BeFalse();
        File.Exists(older).Should().BeFalse();
        File.ReadAllBytes(store.CurrentPath).Should().Equal(run.Epoch2);
        File.ReadAllBytes(store.PreviousPath).Should().Equal(run.Epoch1);
    }

    [Fact]
    public void Leftovers_of_killed_writes_are_removed_and_nothing_else()
    {
        string[] leftovers = [".metrics.csv.0a1b.tmp", ".run.lock.json.2c3d.tmp", ".write-probe.4e5f.tmp"];
        string[] kept = ["run.lock", "metrics.csv", "notes.txt", "weights.tmp"];
        foreach (var name in leftovers.Concat(kept))
        {
            File.WriteAllText(Path.Combine(_dir, name), "x");
        }

        var notes = CheckpointRecovery.Recover(Store, Now);

        notes.Should().HaveCount(3).And.OnlyContain(n => n.Contains("left by a killed write"));
        Directory.EnumerateFiles(_dir).Select(Path.GetFileName).Should().BeEquivalentTo(kept);
    }

    [Fact]
    public void A_damaged_checkpoint_without_a_previous_one_stays_for_resume_to_report()
    {
        var store = Store;
        File.WriteAllBytes(store.CurrentPath, Damaged(run.Epoch2));

        CheckpointRecovery.Recover(store, Now).Should().BeEmpty();

        File.Exists(store.CurrentPath).Should().BeTrue();
        var act = () => store.LoadLatest(out _);
        act.Should().Throw<CheckpointException>().WithMessage($"*{store.CurrentPath}*corrupted or truncated*");
    }

    [Fact]
    public void A_new_run_replaces_the_old_runs_pair_at_its_first_save()
    {
        var store = Store;
        File.WriteAllBytes(store.PreviousPath, run.Epoch1);
        File.WriteAllBytes(store.CurrentPath, run.Epoch2);
        var first = Checkpoint.FromBytes(run.Epoch1, "new run, epoch 1");

        store.ReplaceOnFirstSave();
        store.Save(first);

        File.ReadAllBytes(store.CurrentPath).Should().Equal(first.ToBytes());
        File.Exists(store.PreviousPath).Should().BeFalse("the old run's checkpoint is no fallback for the new run");
        store.Save(Checkpoint.FromBytes(run.Epoch2, "new run, epoch 2"));
        File.ReadAllBytes(store.PreviousPath).Should().Equal(first.ToBytes(), "later saves rotate as usual");
        Directory.EnumerateFiles(_dir, "*.tmp", SearchOption.TopDirectoryOnly).Should().BeEmpty();
    }
}
