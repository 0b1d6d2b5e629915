using System.Diagnostics;
using CryptoPredict.Core.IO;

namespace CryptoPredict.Core.Tests.IO;

public sealed class RunLockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-lock-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Run => Path.Combine(_dir, "BTCUSDT_1h_lstm");

    [Fact]
    public void A_second_holder_is_refused_and_told_who_holds_the_run_until_the_first_releases()
    {
        using (var first = RunLock.Acquire(Run, "cryptopredict train --epochs 3"))
        {
            first.Holder.ProcessId.Should().Be(Environment.ProcessId);
            File.Exists(first.HolderPath).Should().BeTrue();

            RunLock.TryAcquire(Run, "second", out var second, out var holder).Should().BeFalse("the lock belongs to the open file, so it excludes a holder in the same process too");
            second.Should().BeNull();
            holder.Should().Be(first.Holder);

            var act = () => RunLock.Acquire(Run, "second");
            act.Should().Throw<RunLockedException>()
                .Which.Message.Should().Contain(Path.Combine(Run, RunLock.FileName))
                .And.Contain($"pid {Environment.ProcessId}")
                .And.Contain("cryptopredict train --epochs 3");
        }

        File.Exists(Path.Combine(Run, RunLock.HolderFileName)).Should().BeFalse("the record goes with the lock");
        File.Exists(Path.Combine(Run, RunLock.FileName)).Should().BeTrue("the lock file is never deleted, see RunLock");
        RunLock.TryAcquire(Run, "third", out var third, out _).Should().BeTrue();
        third!.Dispose();
    }

    [Fact]
    public void The_lock_is_an_flock_that_other_processes_see()
    {
        using (RunLock.Acquire(Run, "test"))
        {
            Flock(Path.Combine(Run, RunLock.FileName)).Should().Be(1, "flock -n fails on a file another process holds with flock(2)");
        }

        Flock(Path.Combine(Run, RunLock.FileName)).Should().Be(0);
    }

    [Fact]
    public void A_record_left_by_a_dead_process_is_not_named_as_the_holder()
    {
        Directory.CreateDirectory(Run);
        using var finished = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        finished.WaitForExit();
        var stale = RunLockHolder.ForThisProcess("killed run", DateTimeOffset.UnixEpoch) with { ProcessId = finished.Id };
        File.WriteAllBytes(Path.Combine(Run, RunLock.HolderFileName), stale.ToJson());

        // A holder that has locked but not yet recorded itself.
        using var unrecorded = new FileStream(Path.Combine(Run, RunLock.FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        RunLock.TryAcquire(Run, "test", out _, out var holder).Should().BeFalse();
        holder.Should().BeNull();
        var act = () => RunLock.Acquire(Run, "test");
        act.Should().Throw<RunLockedException>().WithMessage("*has not recorded itself*");
    }

    [Fact]
    public void The_holder_record_round_trips()
    {
        var holder = new RunLockHolder(1234, "host-a", new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), "cryptopredict train");
        var path = Path.Combine(_dir, "holder.json");
        File.WriteAllBytes(path, holder.ToJson());

        RunLockHolder.TryRead(path).Should().Be(holder);
        holder.ToString().Should().Be("pid 1234 on host-a, started 2025-03-04 05:06:07 UTC: cryptopredict train");
        File.WriteAllText(path, "{ not json");
        RunLockHolder.TryRead(path).Should().BeNull();
    }

    private static int Flock(string path)
    {
        using var flock = Process.Start(new ProcessStartInfo("flock", ["-n", path, "true"]) { UseShellExecute = false })!;
        flock.WaitForExit();
        return flock.ExitCode;
    }
}
