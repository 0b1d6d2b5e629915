using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// The <c>evaluate --walk-forward K</c> use case: for each fold of a <see cref="WalkForwardPlan"/>, a
/// <see cref="TrainingRun"/> on the candles up to the fold's last label with the test part starting at the fold's block
/// (so the model trains on everything before it, purged), then the model and the baselines scored on that block and
/// its forecasts traded there (<see cref="WalkForwardTrading"/>), and all blocks pooled. Each fold is a run folder of its own under the checkpoints folder: a fold whose bundle was
/// trained on the same candles with the same settings is loaded instead of trained again, a fold with a checkpoint
/// continues it, so a killed walk-forward picks up where it stopped.
/// </summary>
public sealed class WalkForwardEvaluation
{
    /// <summary>Reached after each fold is trained and scored: a kill here leaves that fold finished for the next invocation.</summary>
    public const string FaultFoldDone = "walk_forward.fold_done";

    private readonly WalkForwardRequest _request;
    private readonly ModelArchitecture _architecture;

    /// <summary>Checks the request; <see cref="ArgumentException"/> names what is wrong.</summary>
    public WalkForwardEvaluation(WalkForwardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Settings.TestFrom is not null)
        {
            throw new ArgumentException("the test start of a walk-forward fold is the plan's, not a setting.");
        }

        if (request.RetrainEvery < 1 || request.RetrainEvery > request.Folds)
        {
            throw new ArgumentException($"--retrain-every must be between 1 and the number of folds ({request.Folds}), got {request.RetrainEvery}.");
        }

        _request = request;
        _architecture = ModelCatalog.Get(request.Model);
        Configuration = request.Settings.Over(TrainingConfiguration.For(_architecture, request.Symbol, request.Interval));
        Configuration.Validate();
        RunName = RunPaths.RunName(request.Symbol, request.Interval, _architecture.Name);
        Directory = Path.Combine(request.CheckpointsRoot, "walk-forward", string.Create(CultureInfo.InvariantCulture, $"{RunName}_k{request.Folds}"));
    }

    /// <summary>The settings every fold trains with (each with its own test start).</summary>
    public TrainingConfiguration Configuration { get; }

    /// <summary>Where the folds' run folders are.</summary>
    public string Directory { get; }

    private string RunName { get; }

    /// <summary>Lays out the folds over <paramref name="series"/> and runs them.</summary>
    public WalkForwardResult Execute(CandleSeries series, Device device, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Execute(series, WalkForwardPlan.Create(series, Configuration, _request.Folds), device, observer, cancellationToken);
    }

    /// <summary>
    /// Runs the folds of <paramref name="plan"/> over <paramref name="series"/>. A fold reads only its first
    /// <see cref="WalkForwardFold.Candles"/> candles. Throws <see cref="OperationCanceledException"/> when cancelled
    /// (the fold under way keeps its checkpoint), and what <see cref="TrainingRun.Execute"/> throws.
    /// </summary>
    public WalkForwardResult Execute(CandleSeries series, WalkForwardPlan plan, Device device, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(plan);
        var results = new List<WalkForwardFoldResult>(plan.Folds.Count);
        var pool = new Pool();
        (int Fold, string Directory, bool Reused)? model = null;
        foreach (var fold in plan.Folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (fold.Candles > series.Count)
            {
                throw new TrainingDataException(string.Create(CultureInfo.InvariantCulture,
                    $"fold {fold.Number} reads {fold.Candles} candles but the series has {series.Count}."));
            }

            var candles = series.Slice(0, fold.Candles);
            if (model is null || (fold.Number - 1) % _request.RetrainEvery == 0)
            {
                var (directory, reused) = Train(fold, candles, device, observer, cancellationToken);
                model = (fold.Number, directory, reused);
            }

            var bundle = ModelBundle.Load(model.Value.Directory);
            using (var forecaster = new Forecaster(bundle, device))
            {
                var samples = Evaluator.SelectBlock(bundle, candles, forecaster.ComputeFeatures(candles), fold.TestFrom, note => observer?.OnMessage(note.Message));
                var evaluation = Evaluator.Score(forecaster, samples);
                pool.Add(forecaster, evaluation);
                var forecasts = BacktestForecasts.Compute(forecaster, candles, samples.From, samples.To, $"fold {fold.Number}", note => observer?.OnMessage(note.Message));
                var trading = Backtest.Run(forecasts, _request.Trading.RuleFor(bundle.Architecture.Kind, forecasts.PeriodsPerYear), _request.Trading.Costs);
                var split = bundle.Description.Split;
                results.Add(new WalkForwardFoldResult(fold, model.Value.Fold, model.Value.Reused, split.TrainFrom, split.ValidationTo, evaluation, model.Value.Directory, trading));
                observer?.OnMessage(string.Create(CultureInfo.InvariantCulture,
                    $"fold {fold.Number}/{plan.Folds.Count}: {samples.Count} test samples {samples.From:yyyy-MM-dd HH:mm} .. {samples.To:yyyy-MM-dd HH:mm} UTC, model of fold {model.Value.Fold}"));
            }

            FaultPoint.Hit(FaultFoldDone);
        }

        var (pooled, pooledClassification) = pool.Score();
        var pooledTrading = WalkForwardTradingResult.Pool(results.Select(r => r.Trading).ToArray());
        return new WalkForwardResult(plan, Configuration, results, pooled, pooledClassification, pooledTrading, device);
    }

    /// <summary>The fold's model folder, trained now or found finished; and whether it was found.</summary>
    private (string Directory, bool Reused) Train(WalkForwardFold fold, CandleSeries candles, Device device, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"fold-{fold.Number:00}"));
        var settings = _request.Settings with { TestFrom = fold.TestFrom };
        var request = new TrainingRunRequest
        {
            Symbol = _request.Symbol,
            Interval = _request.Interval,
            Model = _architecture.Name,
            Settings = settings,
            CheckpointsRoot = root,
            ModelsRoot = root,
            Command = _request.Command,
        };
        var run = new TrainingRun(request);
        if (Finished(run.ModelDirectory, candles, run.Configuration))
        {
            observer?.OnMessage($"fold {fold.Number}: its model was trained on these candles with these settings before; loading it from {run.ModelDirectory}");
            return (run.ModelDirectory, true);
        }

        observer?.OnMessage(string.Create(CultureInfo.InvariantCulture,
            $"fold {fold.Number}: training on candles {candles.OpenTimes[0]:yyyy-MM-dd HH:mm} .. {candles.OpenTimes[^1]:yyyy-MM-dd HH:mm} UTC, testing from {fold.TestFrom:yyyy-MM-dd HH:mm} UTC"));
        var resume = new CheckpointStore(run.CheckpointDirectory).Exists;
        TrainingRunResult result;
        try
        {
            result = new TrainingRun(request with { Resume = resume }).Execute(candles, device, observer, cancellationToken);
        }
        catch (CheckpointException e) when (resume)
        {
            // A checkpoint of other candles or settings (the data grew, the options changed): this fold starts over.
            observer?.OnWarning($"fold {fold.Number}: {e.Message} Starting the fold over.");
            result = run.Execute(candles, device, observer, cancellationToken);
        }

        if (result.Outcome.Stop == TrainingStop.Cancelled)
        {
            throw new OperationCanceledException($"walk-forward cancelled in fold {fold.Number}; run the same command again to continue it.");
        }

        return (run.ModelDirectory, false);
    }

    /// <summary>Whether the folder holds a model trained on exactly <paramref name="candles"/> with <paramref name="configuration"/>.</summary>
    private static bool Finished(string modelDirectory, CandleSeries candles, TrainingConfiguration configuration)
    {
        if (!ModelBundle.Exists(modelDirectory))
        {
            return false;
        }

        ModelDescription description;
        try
        {
            description = ModelBundle.Load(modelDirectory).Description;
        }
        catch (ModelBundleException)
        {
            return false;
        }

        return string.Equals(description.TrainingData.Sha256, DataFingerprint.Of(candles).Sha256, StringComparison.OrdinalIgnoreCase)
            && description.Training.Epochs == configuration.Epochs
            && description.Training.DifferencesFrom(configuration).Count == 0;
    }

    /// <summary>Every fold's actual, forecast and baseline values, scored together at the end.</summary>
    private sealed class Pool
    {
        private readonly List<TargetEvaluation[]> _regression = [];
        private readonly List<int> _labels = [];
        private readonly List<double> _probabilities = [];
        private readonly List<double> _prior = [];
        private readonly List<int> _lastRegimes = [];
        private readonly List<(double Majority, double LastRegime)> _validationAccuracies = [];
        private ClassificationSection? _template;
        private bool _priorComplete = true;

        public void Add(Forecaster forecaster, EvaluationResult evaluation)
        {
            var samples = evaluation.Samples;
            if (evaluation.Classification is { } section)
            {
                _template = section;
                var dataset = samples.Dataset;
                _labels.AddRange(samples.Samples.Select(s => (int)dataset.Target(s)[0]));
                _probabilities.AddRange(forecaster.Forecast(dataset.Windows, samples.EndRows));
                _lastRegimes.AddRange(Evaluator.LastObservedRegimes(samples, samples.Samples));
                _validationAccuracies.Add((section.BaselineValidationAccuracy, section.LastRegimeValidationAccuracy));
                var counts = samples.Bundle.Description.TrainClassCounts;
                if (counts is null || counts.Sum() == 0)
                {
                    _priorComplete = false;
                    return;
                }

                var prior = counts.Select(c => c / (double)counts.Sum()).ToArray();
                for (var i = 0; i < samples.Count; i++)
                {
                    _prior.AddRange(prior);
                }

                return;
            }

            _regression.Add([.. evaluation.Regression]);
        }

        public (IReadOnlyList<RegressionComparison>, ClassificationSection?) Score()
        {
            if (_template is { } template)
            {
                var classes = template.ClassNames.Count;
                var model = ClassificationMetrics.Compute(_labels.ToArray(), _probabilities.ToArray(), classes);
                var baseline = _priorComplete ? ClassificationMetrics.Compute(_labels.ToArray(), _prior.ToArray(), classes) : null;
                // The strongest is chosen on the folds' validation parts: the mean of their accuracies there.
                return ([], template with
                {
                    Model = model,
                    Baseline = baseline,
                    LastRegime = ClassificationMetrics.LastObservedBaseline(_lastRegimes.ToArray(), _labels.ToArray(), classes),
                    BaselineValidationAccuracy = _validationAccuracies.Average(a => a.Majority),
                    LastRegimeValidationAccuracy = _validationAccuracies.Average(a => a.LastRegime),
                });
            }

            if (_regression.Count == 0)
            {
                return ([], null);
            }

            var pooled = new RegressionComparison[_regression[0].Length];
            for (var j = 0; j < pooled.Length; j++)
            {
                var actual = _regression.SelectMany(f => f[j].Actual).ToArray();
                var predicted = _regression.SelectMany(f => f[j].Predicted).ToArray();
                var reference = _regression.SelectMany(f => f[j].Reference).ToArray();
                var first = _regression[0][j];
                var persistence = _regression.Average(f => f[j].Baselines.PersistenceValidationMae);
                pooled[j] = RegressionComparison.Compute(first.Comparison.Target, actual, predicted, reference, PooledBaselines(j), first.Baselines.Direction, persistence);
            }

            return (pooled, null);
        }

        /// <summary>
        /// The baselines every fold has (by family, in the first fold's order), their forecasts concatenated; named by
        /// family when folds fitted different settings (e.g. excursion windows). The strongest is chosen on the folds'
        /// validation parts, by the mean of their validation MAEs (NaN, and so chosen on the pooled samples, when a fold
        /// has none).
        /// </summary>
        private BaselineForecast[] PooledBaselines(int target)
        {
            var result = new List<BaselineForecast>();
            foreach (var family in _regression[0][target].Baselines.Forecasts.Select(b => b.Family))
            {
                var parts = _regression.Select(f => f[target].Baselines.Forecasts.FirstOrDefault(b => b.Family == family)).ToArray();
                if (parts.Any(p => p is null))
                {
                    continue;
                }

                var names = parts.Select(p => p!.Name).Distinct().ToArray();
                result.Add(new BaselineForecast(names.Length == 1 ? names[0] : family, family, parts.SelectMany(p => p!.Values).ToArray())
                {
                    ValidationMae = parts.Average(p => p!.ValidationMae),
                });
            }

            return [.. result];
        }
    }
}
