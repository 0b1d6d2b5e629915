using System.Text.Json;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>The val_loss of 3 straight epochs of the test run, the reference every interrupted run must reach.</summary>
public sealed class StraightThreeEpochs : IDisposable
{
    private readonly TrainFolders _folders = new("cp-straight-");

    public StraightThreeEpochs()
    {
        var (code, output, error) = CliRunner.RunAsync(_folders.Args("--epochs", "3", "--json")).GetAwaiter().GetResult();
        code.Should().Be(ExitCodes.Ok, error);
        ValidationLosses = JsonDocument.Parse(output).RootElement.GetProperty("val_loss").EnumerateArray().Select(e => e.GetDouble()).ToArray();
    }

    public IReadOnlyList<double> ValidationLosses { get; }

    public void Dispose() => _folders.Dispose();
}

/// <summary>
/// Real processes against one run folder: a second run is refused while the first holds the lock, and a kill -9
/// at any step of a checkpoint save (or before the first one) leaves a folder that <c>--resume</c> continues.
/// </summary>
public sealed class TrainRunSafetyTests(StraightThreeEpochs straight) : IClassFixture<StraightThreeEpochs>, IDisposable
{
    private readonly TrainFolders _folders = new("cp-safety-");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_second_run_of_the_same_model_exits_75_naming_the_holder_and_the_lock_frees_after_kill_9()
    {
        using var holder = CliProcess.Start(_folders.Args("--epochs", "100000", "--patience", "100000"));
        var record = Path.Combine(_folders.CheckpointDir, RunLock.HolderFileName);
        await Until(() => RunLockHolder.TryRead(record)?.ProcessId == holder.Id, $"the first run to record itself in {record}");

        var (code, _, error) = await CliProcess.RunAsync(_folders.Args("--epochs", "1"));

        code.Should().Be(ExitCodes.Busy, error);
        error.Should().Contain($"pid {holder.Id}").And.Contain(Path.Combine(_folders.CheckpointDir, RunLock.FileName)).And.Contain("--epochs 100000");
        File.Exists(Path.Combine(_folders.ModelDir, "model.json")).Should().BeFalse("the refused run wrote no bundle");

        holder.Kill();
        (await holder.WaitAsync(TimeSpan.FromSeconds(30))).ExitCode.Should().Be(137, "SIGKILL");
        RunLock.TryAcquire(_folders.CheckpointDir, "test", out var freed, out _).Should().BeTrue("the kernel released the dead holder's lock");
        freed!.Dispose();
    }

    [Theory]
    [InlineData(CheckpointStore.FaultTempWritten)]
    [InlineData(CheckpointStore.FaultRotated)]
    [InlineData(CheckpointStore.FaultRenamed)]
    [InlineData(CheckpointStore.FaultMetricsWritten)]
    public async Task A_kill_at_a_checkpoint_write_step_resumes_from_the_good_checkpoint_to_the_straight_result(string faultPoint)
    {
        (await CliRunner.RunAsync(_folders.Args("--epochs", "1"))).ExitCode.Should().Be(ExitCodes.Ok);

        var killed = await CliProcess.RunAsync(_folders.Args("--epochs", "3", "--resume"), faultPoint);
        killed.ExitCode.Should().Be(137, killed.Error);
        killed.Error.Should().Contain($"fault point '{faultPoint}'");

        var (code, output, error) = await CliRunner.RunAsync(_folders.Args("--epochs", "3", "--resume", "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        var summary = JsonDocument.Parse(output).RootElement;
        summary.GetProperty("epochs_run_now").GetInt32().Should().Be(1, "epoch 2 was written completely before the kill, so it is not trained again");
        summary.GetProperty("val_loss").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(straight.ValidationLosses, "exact resume holds across the kill");
        Directory.EnumerateFiles(_folders.CheckpointDir, ".*.tmp").Should().BeEmpty();
        File.Exists(Path.Combine(_folders.CheckpointDir, CheckpointStore.PreviousFileName)).Should().BeTrue();
        File.ReadAllLines(Path.Combine(_folders.CheckpointDir, CheckpointStore.MetricsFileName)).Should().HaveCount(4);
    }

    [Fact]
    public async Task A_kill_in_epoch_1_leaves_a_folder_that_resume_starts_cleanly()
    {
        var killed = await CliProcess.RunAsync(_folders.Args("--epochs", "3"), TrainingRun.FaultStarted);
        killed.ExitCode.Should().Be(137, killed.Error);
        File.Exists(Path.Combine(_folders.CheckpointDir, CheckpointStore.CurrentFileName)).Should().BeFalse();

        var (code, output, error) = await CliRunner.RunAsync(_folders.Args("--epochs", "3", "--resume", "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        error.Should().Contain("starting a new run from epoch 1");
        JsonDocument.Parse(output).RootElement.GetProperty("val_loss").EnumerateArray().Select(e => e.GetDouble())
            .Should().Equal(straight.ValidationLosses);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            timeout.IsCancellationRequested.Should().BeFalse($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
