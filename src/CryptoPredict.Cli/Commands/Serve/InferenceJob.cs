using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>One forecast waiting for an inference thread; its outcome, result or exception, goes back to the request.</summary>
internal abstract class InferenceJob(ServedBundle bundle)
{
    public ServedBundle Bundle { get; } = bundle;

    /// <summary>Runs on an inference thread, with that thread's engine for <see cref="Bundle"/>.</summary>
    public abstract void Run(Func<ServedBundle, ServedEngine> forecasterFor);
}

internal sealed class InferenceJob<T>(ServedBundle bundle, Func<ServedEngine, T> work) : InferenceJob(bundle)
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Result => _result.Task;

    public override void Run(Func<ServedBundle, ServedEngine> forecasterFor)
    {
        try
        {
            _result.SetResult(work(forecasterFor(Bundle)));
        }
#pragma warning disable CA1031 // every failure belongs to the request that asked, which classifies it; the thread must live on
        catch (Exception e)
#pragma warning restore CA1031
        {
            _result.SetException(e);
        }
    }
}
