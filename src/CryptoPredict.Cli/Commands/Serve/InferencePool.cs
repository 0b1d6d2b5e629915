using System.Collections.Concurrent;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Runtime;
using Serilog;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// Runs forecasts on a few dedicated threads. libtorch keeps its grad mode, dispose scopes and thread settings per
/// thread, and a network's forward is not meant to run on two threads at once, so each thread builds its own
/// <see cref="Forecaster"/> of a bundle version the first time it needs it (the bundle's bytes and scalers are
/// shared) and drops it when the run's version changes. Every thread gets the same intra-op thread count, so a
/// forecast does not depend on which thread ran it. A full queue refuses at once (503 with Retry-After) instead of
/// letting latency grow without bound.
/// </summary>
internal sealed class InferencePool : IDisposable
{
    private readonly BlockingCollection<InferenceJob> _queue;
    private readonly Thread[] _threads;
    private readonly Func<ModelBundle, IForecastEngine> _createForecaster;
    private readonly Torch.Device _device;
    private readonly int _threadsPerWorker;
    private readonly bool _configureLibTorch;
    private readonly ServeMetrics _metrics;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _ready;

    /// <param name="configureLibTorch">False for ONNX Runtime engines: libtorch's thread settings would load libtorch.</param>
    public InferencePool(
        int workers, int queueCapacity, int threadsPerWorker, Func<ModelBundle, IForecastEngine> createForecaster, Torch.Device device, ServeMetrics metrics,
        bool configureLibTorch = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        _queue = new BlockingCollection<InferenceJob>(queueCapacity);
        _createForecaster = createForecaster;
        _device = device;
        _threadsPerWorker = threadsPerWorker;
        _configureLibTorch = configureLibTorch;
        _metrics = metrics;
        _threads = new Thread[workers];
        for (var i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"inference-{i + 1}" };
            _threads[i].Start();
        }
    }

    public int Workers => _threads.Length;

    /// <summary>Completes when every thread has applied its thread settings.</summary>
    public Task Started => _started.Task;

    /// <summary>Queues <paramref name="work"/> for <paramref name="bundle"/>; false when the queue is full.</summary>
    public bool TryRun<T>(ServedBundle bundle, Func<ServedEngine, T> work, out Task<T> result)
    {
        var job = new InferenceJob<T>(bundle, work);
        result = job.Result;
        if (!_queue.TryAdd(job))
        {
            _metrics.InferenceRejected();
            return false;
        }

        _metrics.InferenceQueued(1);
        return true;
    }

    /// <summary>Finishes the queued forecasts, then stops the threads (each frees its networks).</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _queue.Dispose();
    }

    private void Work()
    {
        var forecasters = new Dictionary<string, (ServedBundle Bundle, ServedEngine Forecaster)>(StringComparer.Ordinal);
        if (_configureLibTorch)
        {
            try
            {
                Engine.ConfigureThreads(_threadsPerWorker);
            }
            catch (Exception e) when (e is Core.Failures.RequestException or InvalidOperationException)
            {
                Log.Warning("inference thread {Thread}: libtorch threads left as they were: {Message}", Environment.CurrentManagedThreadId, e.Message);
            }
        }

        if (Interlocked.Increment(ref _ready) == _threads.Length)
        {
            _started.TrySetResult();
        }

        try
        {
            foreach (var job in _queue.GetConsumingEnumerable())
            {
                _metrics.InferenceQueued(-1);
                job.Run(bundle => ForecasterFor(forecasters, bundle));
            }
        }
        finally
        {
            foreach (var (_, held) in forecasters)
            {
                held.Forecaster.Dispose();
            }
        }
    }

    private ServedEngine ForecasterFor(Dictionary<string, (ServedBundle Bundle, ServedEngine Forecaster)> forecasters, ServedBundle served)
    {
        if (forecasters.TryGetValue(served.RunName, out var held))
        {
            if (ReferenceEquals(held.Bundle, served))
            {
                return held.Forecaster;
            }

            held.Forecaster.Dispose();
            forecasters.Remove(served.RunName);
        }

        // A network that cannot be built fails this job only (its exception goes to the request); the next job tries again.
        // An ensemble's members each get an engine of this thread.
        var forecaster = served.Ensemble is { } ensemble
            ? new ServedEngine(new EnsembleForecaster(ensemble, _createForecaster, _device))
            : new ServedEngine(_createForecaster(served.Bundle));
        forecasters[served.RunName] = (served, forecaster);
        return forecaster;
    }
}
