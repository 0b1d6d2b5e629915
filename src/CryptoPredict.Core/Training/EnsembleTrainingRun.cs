using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Training;

/// <summary>What <c>train --ensemble N</c> or <c>train --models a,b</c> was asked to do.</summary>
public sealed record EnsembleTrainingRequest
{
    public required string Symbol { get; init; }

    public required string Interval { get; init; }

    /// <summary>One catalog name per member, in order (the same name N times for <c>--ensemble N</c>).</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Shared by every member, but the seed: member I trains with (seed or 42) + I.</summary>
    public TrainingOverrides Settings { get; init; } = new();

    public bool Resume { get; init; }

    public bool Force { get; init; }

    public required string CheckpointsRoot { get; init; }

    public required string ModelsRoot { get; init; }

    public string Command { get; init; } = "train";
}

/// <summary>How an ensemble run ended: each member's run (those trained before a cancel), and the version published.</summary>
public sealed record EnsembleTrainingResult(string Name, IReadOnlyList<TrainingRunResult> Members, bool Cancelled, string? ModelDirectory, string? BundleVersion);

/// <summary>
/// Trains the members of an ensemble one after another under one run lock (<c>CHECKPOINTS/RUN</c>, RUN named by
/// <see cref="EnsembleNames"/>), each with its own checkpoints in <c>CHECKPOINTS/RUN/member-I</c>, and publishes them
/// as one <see cref="EnsembleBundle"/> once all are trained. <c>--resume</c> resumes every member that has a
/// checkpoint folder (a finished one trains nothing and gives its best weights again) and starts the others, so a
/// killed ensemble continues at the member it was in.
/// </summary>
public sealed class EnsembleTrainingRun
{
    /// <summary>Reached after each member is trained, before the next starts: a kill here leaves the member finished.</summary>
    public const string FaultMemberTrained = "ensemble.member-trained";

    private readonly EnsembleTrainingRequest _request;

    /// <summary>Checks the request; <see cref="ArgumentException"/> names what is wrong.</summary>
    public EnsembleTrainingRun(EnsembleTrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        var architectures = request.Models.Select(ModelCatalog.Get).ToArray();
        Name = EnsembleNames.For(architectures.Select(a => a.Name).ToArray());
        var kinds = architectures.Select(a => a.Kind).Distinct().ToArray();
        if (kinds.Length > 1)
        {
            throw new ArgumentException(
                $"The members of an ensemble forecast the same thing; {string.Join(", ", architectures.Select(a => $"{a.Name} ({a.Kind.ToString().ToLowerInvariant()})"))} do not.");
        }

        var runName = RunPaths.RunName(request.Symbol, request.Interval, Name);
        CheckpointDirectory = RunPaths.Under(request.CheckpointsRoot, runName);
        ModelDirectory = RunPaths.Under(request.ModelsRoot, runName);
        if (request.Force && !request.Resume)
        {
            throw new ArgumentException("--force only applies to --resume.");
        }

        // Every member's settings are checked now, so a bad option fails before the first member trains.
        for (var i = 0; i < request.Models.Count; i++)
        {
            _ = new TrainingRun(MemberRequest(i, resume: false));
        }
    }

    /// <summary>The model part of the run name, e.g. <c>lstm-x5</c>.</summary>
    public string Name { get; }

    public string CheckpointDirectory { get; }

    public string ModelDirectory { get; }

    /// <summary>Member <paramref name="index"/>'s checkpoint folder.</summary>
    public string MemberCheckpointDirectory(int index) => Path.Combine(CheckpointDirectory, string.Create(CultureInfo.InvariantCulture, $"member-{index}"));

    public EnsembleTrainingResult Execute(CandleSourceResult candles, Device device, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candles);
        if (_request.Resume && !Directory.Exists(CheckpointDirectory))
        {
            throw new CheckpointException($"No checkpoint in '{CheckpointDirectory}' (no member folder); run train without --resume first.");
        }

        OutputFolder.EnsureWritable(CheckpointDirectory, "checkpoint");
        using var runLock = RunLock.Acquire(CheckpointDirectory, _request.Command);
        OutputFolder.EnsureWritable(ModelDirectory, "model");
        var results = new List<TrainingRunResult>();
        for (var i = 0; i < _request.Models.Count; i++)
        {
            var resume = _request.Resume && Directory.Exists(MemberCheckpointDirectory(i));
            var run = new TrainingRun(MemberRequest(i, resume));
            observer?.OnMessage(string.Create(CultureInfo.InvariantCulture,
                $"member {i + 1} of {_request.Models.Count}: {_request.Models[i]}, seed {run.Configuration.Seed}{(resume ? ", resuming" : "")}"));
            var result = run.Execute(candles, device, observer, cancellationToken);
            results.Add(result);
            if (result.Outcome.Stop == TrainingStop.Cancelled)
            {
                return new EnsembleTrainingResult(Name, results, Cancelled: true, null, null);
            }

            FaultPoint.Hit(FaultMemberTrained);
        }

        var testMetrics = ScoreMean(candles.Series, results, device, observer);
        var version = EnsembleBundle.Publish(ModelDirectory, Name, results.Select(r => (r.Description!, r.Weights!)).ToArray(), testMetrics);
        observer?.OnMessage($"ensemble of {results.Count} published as {version}");
        return new EnsembleTrainingResult(Name, results, Cancelled: false, ModelDirectory, version);
    }

    /// <summary>The members' mean on the test part, as <c>evaluate</c> scores the published ensemble; null when no test sample can be scored.</summary>
    private TestMetrics? ScoreMean(CandleSeries series, IReadOnlyList<TrainingRunResult> results, Device device, ITrainingObserver? observer)
    {
        var members = results.Select(r => ModelBundle.Unpublished(ModelDirectory, r.Description!, r.Weights!)).ToArray();
        try
        {
            using var forecaster = new EnsembleForecaster(EnsembleBundle.Unpublished(ModelDirectory, Name, members), device);
            var metrics = TestMetricsSummary.Of(forecaster.Evaluate(series, EvaluationPart.Test).Mean);
            observer?.OnMessage("ensemble mean, " + TestScore.Describe(metrics));
            return metrics;
        }
        catch (ForecastDataException e)
        {
            observer?.OnWarning($"no test metrics recorded for the ensemble: {e.Message}");
            return null;
        }
    }

    private TrainingRunRequest MemberRequest(int index, bool resume) => new()
    {
        Symbol = _request.Symbol,
        Interval = _request.Interval,
        Model = _request.Models[index],
        Settings = _request.Settings with { Seed = (_request.Settings.Seed ?? TrainingConfiguration.DefaultSeed) + index },
        Resume = resume,
        Force = _request.Force && resume,
        CheckpointsRoot = _request.CheckpointsRoot,
        ModelsRoot = _request.ModelsRoot,
        CheckpointDirectory = MemberCheckpointDirectory(index),
        ModelDirectory = ModelDirectory,
        Publish = false,
        Command = _request.Command,
    };
}
