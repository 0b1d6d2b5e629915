using System.Diagnostics;
using CryptoPredict.Core.Models;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Optim;
using CryptoPredict.Torch.Serialization;
using F = CryptoPredict.Torch.Nn.Functional;
using TorchApi = CryptoPredict.Torch.Torch;

namespace CryptoPredict.Core.Training;

/// <summary>
/// Trains one model on one <see cref="TrainingData"/>: shuffled mini-batches drawn on the device, Adam, gradient
/// clipping, validation after each epoch, plateau learning-rate decay, early stopping, and a checkpoint after every
/// epoch (and on cancellation, mid-epoch). Everything random is either libtorch's generator (initial weights, dropout),
/// saved in checkpoints, or derived from (seed, epoch) (<see cref="ShuffleOrder"/>), so on CPU a resumed run is bit for
/// bit the run that was never interrupted.
/// </summary>
public sealed class Trainer
{
    private const int EvaluationBatch = 1024;

    private readonly TrainingData _data;
    private readonly Device _device;
    private readonly CheckpointStore _store;
    private readonly ITrainingObserver? _observer;

    public Trainer(TrainingData data, Device device, CheckpointStore store, ITrainingObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(store);
        _data = data;
        _device = device;
        _store = store;
        _observer = observer;
    }

    /// <summary>
    /// Runs until the epoch budget is used, early stopping triggers, or <paramref name="cancellationToken"/> is
    /// cancelled (the batch under way is finished, a checkpoint written, and <see cref="TrainingStop.Cancelled"/>
    /// returned). With <paramref name="resumeFrom"/>, continues that checkpoint's run.
    /// </summary>
    public TrainingOutcome Run(Checkpoint? resumeFrom, CancellationToken cancellationToken)
    {
        var configuration = _data.Configuration;
        TorchApi.ManualSeed(configuration.Seed);
        using var model = _data.Architecture.Create(_data.Dataset.Features.ColumnCount, _data.Heads);
        model.To(_device);
        using var optimizer = new Adam(model.NamedParameters(), lr: configuration.LearningRate);
        var state = new TrainerState { LearningRate = configuration.LearningRate };
        byte[] bestWeights;
        if (resumeFrom is null)
        {
            bestWeights = model.ToBytes();
        }
        else
        {
            Restore(resumeFrom, model, optimizer);
            state = resumeFrom.State;
            bestWeights = resumeFrom.BestWeights;
        }

        optimizer.LearningRate = state.LearningRate;
        using var dataset = new DeviceDataset(_data.Dataset, _data.FeatureScaler, _data.TargetScaler, _device);
        using var loss = new ForecastLoss(_data.Architecture.Kind, _device, _data.ClassWeights, _data.Heads);
        var train = _data.Split.Train;
        var batchSize = configuration.BatchSize;
        var batches = (train.Count + batchSize - 1) / batchSize;
        _observer?.OnStart(new TrainingPlan(state.NextEpoch, configuration.Epochs, batches, train.Count, _data.Split.Validation.Count, state.BatchInEpoch));

        var epochsRun = 0;
        var samplesTrained = 0L;
        var trainingTime = TimeSpan.Zero;
        while (state.NextEpoch < configuration.Epochs && !state.EarlyStopped)
        {
            var epoch = state.NextEpoch;
            var clock = Stopwatch.StartNew();
            model.Train();
            var order = ShuffleOrder.Permutation(train.Count, configuration.Seed, epoch);
            using var epochRows = dataset.EndRows(order.Select(i => train[i]).ToArray());
            var lossSum = TorchApi.Full([1], state.PartialLossSum, ScalarType.Float32, _device).DetachFromDisposeScope();
            try
            {
                for (var batch = state.BatchInEpoch; batch < batches; batch++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        state = state with { BatchInEpoch = batch, PartialLossSum = lossSum.Item<float>() };
                        Save(model, optimizer, state, bestWeights);
                        _observer?.OnMessage($"Cancelled in epoch {epoch + 1} after batch {batch} of {batches}; checkpoint written to {_store.CurrentPath}.");
                        return new TrainingOutcome(TrainingStop.Cancelled, epochsRun, state, Rate(samplesTrained, trainingTime + clock.Elapsed), _store.CurrentPath, bestWeights);
                    }

                    var start = batch * batchSize;
                    var length = Math.Min(batchSize, train.Count - start);
                    using (TorchApi.NewDisposeScope())
                    {
                        var rows = epochRows.Narrow(0, start, length);
                        var (inputs, targets) = dataset.Batch(rows);
                        var output = model.Forward(inputs);
                        var batchLoss = loss.Compute(output, targets);
                        optimizer.ZeroGrad();
                        batchLoss.Backward();
                        if (configuration.ClipNorm > 0)
                        {
                            F.ClipGradNorm(model.Parameters(), configuration.ClipNorm);
                        }

                        optimizer.Step();
                        var detached = batchLoss.Detach();
                        var sum = lossSum + (detached * length);
                        sum.DetachFromDisposeScope();
                        lossSum.Dispose();
                        lossSum = sum;
                    }

                    samplesTrained += length;
                    _observer?.OnBatch(epoch + 1, batch + 1, batches);
                }

                var trainLoss = lossSum.Item<float>() / (double)train.Count;
                var validationLoss = Evaluate(model, dataset, loss, _data.Split.Validation);
                clock.Stop();
                trainingTime += clock.Elapsed;
                if (!double.IsFinite(trainLoss) || !double.IsFinite(validationLoss))
                {
                    throw new TrainingDivergedException(
                        $"Training diverged in epoch {epoch + 1}: train loss {trainLoss}, validation loss {validationLoss}. " +
                        $"The last good checkpoint ({_store.CurrentPath}) is left as it was; try a lower --lr.");
                }

                var (next, improved) = LearningRateSchedule.AfterEpoch(state, configuration, validationLoss);
                var epochSamples = train.Count - (state.BatchInEpoch * batchSize);
                var record = new EpochRecord(epoch + 1, trainLoss, validationLoss, state.LearningRate, epochSamples / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds, improved);
                state = next with { History = [.. state.History, record] };
                if (improved)
                {
                    bestWeights = model.ToBytes();
                }

                optimizer.LearningRate = state.LearningRate;
                Save(model, optimizer, state, bestWeights);
                epochsRun++;
                _observer?.OnEpoch(record, state);
            }
            finally
            {
                lossSum.Dispose();
            }
        }

        var stop = state.EarlyStopped ? TrainingStop.EarlyStopped : TrainingStop.EpochsDone;
        return new TrainingOutcome(stop, epochsRun, state, Rate(samplesTrained, trainingTime), _store.CurrentPath, bestWeights);
    }

    /// <summary>Mean loss over <paramref name="samples"/> in evaluation mode (dropout off, batch-norm running statistics).</summary>
    public static double Evaluate(Models.ForecastModel model, DeviceDataset dataset, ForecastLoss loss, IReadOnlyList<int> samples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(samples);
        model.Eval();
        using var noGrad = TorchApi.NoGrad();
        var total = 0.0;
        for (var start = 0; start < samples.Count; start += EvaluationBatch)
        {
            var length = Math.Min(EvaluationBatch, samples.Count - start);
            using var scope = TorchApi.NewDisposeScope();
            var rows = dataset.EndRows(samples.Skip(start).Take(length).ToArray());
            var (inputs, targets) = dataset.Batch(rows);
            total += loss.Compute(model.Forward(inputs), targets).Item<float>() * (double)length;
        }

        return total / samples.Count;
    }

    private void Restore(Checkpoint checkpoint, Models.ForecastModel model, Optimizer optimizer)
    {
        try
        {
            ModuleState.Restore(model, StateFile.FromBytes(checkpoint.Weights, "checkpoint weights"), "checkpoint weights");
            optimizer.RestoreState(StateFile.FromBytes(checkpoint.Optimizer, "checkpoint optimizer"), "checkpoint optimizer");
            TorchApi.SetRngState(checkpoint.CpuRng);
            if (_device.IsCuda && checkpoint.CudaRng is not null)
            {
                TorchApi.SetRngState(checkpoint.CudaRng, _device);
            }
        }
        catch (TorchException e)
        {
            throw new CheckpointException($"The checkpoint does not fit this model: {e.Message}", e);
        }
    }

    private void Save(Models.ForecastModel model, Optimizer optimizer, TrainerState state, byte[] bestWeights)
    {
        _store.Save(new Checkpoint
        {
            Configuration = _data.Configuration,
            State = state,
            Data = _data.Fingerprint,
            FeatureScaler = _data.FeatureScaler,
            TargetScaler = _data.TargetScaler,
            Weights = model.ToBytes(),
            BestWeights = bestWeights,
            Optimizer = optimizer.StateToBytes(),
            CpuRng = TorchApi.GetRngState(),
            CudaRng = _device.IsCuda ? TorchApi.GetRngState(_device) : null,
        });
    }

    private static double Rate(long samples, TimeSpan time) => time.TotalSeconds > 0 ? samples / time.TotalSeconds : 0;
}
