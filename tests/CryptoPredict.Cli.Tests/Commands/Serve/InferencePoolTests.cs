using CryptoPredict.Cli.Commands.Serve;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>The inference threads: a full queue refuses at once, queued work still runs on shutdown, a failure reaches its caller.</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class InferencePoolTests(TrainedBundles bundles)
{
    private ServedBundle Lstm() => ServedBundle.Load("BTCUSDT_1h_lstm", bundles.BundleDir("lstm"));

    private static InferencePool Pool(int workers, int queue) =>
        new(workers, queue, 1, bundle => new Forecaster(bundle, Core.Runtime.Engine.ResolveDevice("cpu")), Torch.Device.Cpu, new ServeMetrics());

    [Fact]
    public async Task A_full_queue_refuses_instead_of_waiting()
    {
        var served = Lstm();
        using var release = new ManualResetEventSlim();
        using var running = new ManualResetEventSlim();
        Task<int> first, second;
        using (var pool = Pool(workers: 1, queue: 1))
        {
            await pool.Started;
            pool.TryRun(served, _ => { running.Set(); release.Wait(); return 1; }, out first).Should().BeTrue();
            running.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();
            pool.TryRun(served, _ => 2, out second).Should().BeTrue("one job may wait while the thread is busy");

            pool.TryRun(served, _ => 3, out _).Should().BeFalse("the queue holds one job and it is taken");

            release.Set();
        }

        (await first).Should().Be(1);
        (await second).Should().Be(2, "a queued job still runs when the pool stops");
    }

    [Fact]
    public async Task A_failing_job_fails_its_task_and_the_thread_goes_on()
    {
        var served = Lstm();
        using var pool = Pool(workers: 1, queue: 4);
        await pool.Started;

        pool.TryRun<int>(served, _ => throw new ForecastDataException("too short"), out var failing).Should().BeTrue();
        pool.TryRun(served, engine => engine.Single!.Bundle.Description.Window, out var next).Should().BeTrue();

        await FluentActions.Awaiting(() => failing).Should().ThrowAsync<ForecastDataException>().WithMessage("too short");
        (await next).Should().Be(16);
    }

    [Fact]
    public async Task A_network_that_cannot_be_built_fails_the_job_only()
    {
        var served = Lstm();
        var calls = 0;
        using var pool = new InferencePool(1, 4, 1, bundle =>
            Interlocked.Increment(ref calls) == 1
                ? throw new ModelBundleException("weights unusable")
                : new Forecaster(bundle, Core.Runtime.Engine.ResolveDevice("cpu")), Torch.Device.Cpu, new ServeMetrics());
        await pool.Started;

        pool.TryRun(served, _ => 1, out var first).Should().BeTrue();
        await FluentActions.Awaiting(() => first).Should().ThrowAsync<ModelBundleException>();
        pool.TryRun(served, _ => 2, out var second).Should().BeTrue();
        (await second).Should().Be(2, "the next job builds the network again");
    }
}
