using CryptoPredict.Core.Artifacts;
using CryptoPredict.TestPublisher;

namespace CryptoPredict.Core.Tests.Artifacts;

/// <summary>
/// A publisher killed (SIGKILL, no finally blocks) at each write step of a publish leaves the old bundle or the new
/// one loadable, never none and never a mix; the next publish removes what it left. And readers in this process,
/// loading while another process publishes version after version, always get one whole version.
/// </summary>
public sealed class BundleKillTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _root = Directory.CreateTempSubdirectory("cp-kill-").FullName;

    public BundleKillTests() => Run = Path.Combine(_root, "BTCUSDT_1h_lstm");

    private string Run { get; }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(BundlePublisher.StagedPoint, 0)]
    [InlineData(BundlePublisher.PlacedPoint, 0)]
    [InlineData(BundlePublisher.PointerWrittenPoint, 0)]
    [InlineData(BundlePublisher.PointerRenamedPoint, 1)]
    [InlineData(BundlePublisher.PruningPoint, 1)]
    public async Task A_kill_at_each_publish_step_leaves_the_old_or_the_new_bundle(string point, int expected)
    {
        SyntheticBundle.Publish(Run, 0);

        var (code, error) = await PublisherProcess.RunAsync(point, Timeout, "synthetic", Run, "1", "1");

        code.Should().Be(PublisherProcess.Killed, error);
        error.Should().Contain(point);
        SyntheticBundle.IndexOf(ModelBundle.Load(Run)).Should().Be(expected);

        SyntheticBundle.Publish(Run, 2);

        SyntheticBundle.IndexOf(ModelBundle.Load(Run)).Should().Be(2);
        var versions = Path.Combine(Run, ModelBundle.VersionsFolderName);
        Directory.EnumerateFileSystemEntries(versions, ".*").Should().BeEmpty("the next publish removes the killed one's staging folder and lock");
        Directory.EnumerateFiles(Run, ".*").Should().BeEmpty("and its pointer temp file");
    }

    [Fact]
    public async Task Readers_always_get_one_whole_version_while_another_process_publishes()
    {
        const int Versions = 40;
        SyntheticBundle.Publish(Run, 0);

        // The readers run before the publisher starts and until it has exited: on a loaded machine a reader task
        // scheduled late would otherwise see nothing but the last version.
        var published = new TaskCompletionSource();
        using var ready = new CountdownEvent(2);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            var seen = new List<int> { SyntheticBundle.IndexOf(ModelBundle.Load(Run)) };
            ready.Signal();
            while (!published.Task.IsCompleted)
            {
                seen.Add(SyntheticBundle.IndexOf(ModelBundle.Load(Run)));
            }

            return seen;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        ready.Wait(Timeout).Should().BeTrue("both readers started");
        using var publisher = PublisherProcess.Start(null, "synthetic", Run, "1", Versions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var error = publisher.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        await publisher.WaitForExitAsync(cancel.Token);
        published.SetResult();
        var loads = (await Task.WhenAll(readers)).SelectMany(s => s).ToArray();

        publisher.ExitCode.Should().Be(0, await error);
        loads.Should().NotBeEmpty();
        loads.Should().OnlyContain(i => i >= 0 && i <= Versions);
        loads.Distinct().Should().HaveCountGreaterThan(1, "the readers ran while versions changed");
        SyntheticBundle.IndexOf(ModelBundle.Load(Run)).Should().Be(Versions);
        Directory.GetDirectories(Path.Combine(Run, ModelBundle.VersionsFolderName)).Should().HaveCount(1 + ModelBundle.PreviousVersionsKept);
    }
}
