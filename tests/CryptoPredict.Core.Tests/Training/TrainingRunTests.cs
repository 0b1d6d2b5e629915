using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Training;

/// <summary>What <see cref="TrainingRun"/> refuses before the first epoch, and what it records at the end; the CLI tests run it end to end.</summary>
public sealed class TrainingRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cp-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TrainingRun Run(bool resume = false, string? modelsRoot = null) => new(new TrainingRunRequest
    {
        Symbol = "BTCUSDT",
        Interval = "1h",
        Model = "lstm",
        Settings = new TrainingOverrides { Window = 16, Epochs = 1 },
        Resume = resume,
        CheckpointsRoot = Path.Combine(_root, "checkpoints"),
        ModelsRoot = modelsRoot ?? Path.Combine(_root, "models"),
        Command = "test run",
    });

    [Fact]
    public void A_run_another_holder_has_locked_is_refused_before_any_file_is_written()
    {
        var run = Run();
        using var holder = RunLock.Acquire(run.CheckpointDirectory, "cryptopredict train (the other run)");

        var act = () => run.Execute(RealCandles.BtcHead2000, Device.Cpu, null, CancellationToken.None);

        act.Should().Throw<RunLockedException>().Which.Holder.Should().Be(holder.Holder);
        Directory.EnumerateFiles(run.CheckpointDirectory).Select(Path.GetFileName).Should().BeEquivalentTo([RunLock.FileName, RunLock.HolderFileName]);
        Directory.Exists(run.ModelDirectory).Should().BeFalse("the models folder is checked only by the lock's holder");
    }

    [Fact]
    public void An_unwritable_models_folder_is_refused_before_training()
    {
        var file = Path.Combine(_root, "models-file");
        File.WriteAllText(file, "x");
        var run = Run(modelsRoot: file);

        var act = () => run.Execute(RealCandles.BtcHead2000, Device.Cpu, null, CancellationToken.None);

        act.Should().Throw<OutputFolderException>().Which.Folder.Should().Be(run.ModelDirectory);
        File.Exists(Path.Combine(run.CheckpointDirectory, CheckpointStore.CurrentFileName)).Should().BeFalse();
    }

    [Fact]
    public void Resume_where_no_run_was_ever_started_is_an_error_naming_the_folder()
    {
        var run = Run(resume: true);

        var act = () => run.Execute(RealCandles.BtcHead2000, Device.Cpu, null, CancellationToken.None);

        act.Should().Throw<CheckpointException>().WithMessage($"*{run.CheckpointDirectory}*without --resume*");
        Directory.Exists(run.CheckpointDirectory).Should().BeFalse();
    }

    [Fact]
    public void Force_without_resume_and_bad_settings_are_argument_errors()
    {
        var force = () => new TrainingRun(new TrainingRunRequest
        {
            Symbol = "BTCUSDT", Interval = "1h", Model = "lstm", Force = true, CheckpointsRoot = _root, ModelsRoot = _root,
        });
        force.Should().Throw<ArgumentException>().WithMessage("*--force*");

        var window = () => new TrainingRun(new TrainingRunRequest
        {
            Symbol = "BTCUSDT", Interval = "1h", Model = "lstm", Settings = new TrainingOverrides { Window = 0 }, CheckpointsRoot = _root, ModelsRoot = _root,
        });
        window.Should().Throw<ArgumentException>();
        Directory.EnumerateFileSystemEntries(_root).Should().BeEmpty();
    }

    [Fact]
    public void The_test_metrics_are_the_evaluators_on_the_published_bundle_and_model_json_records_them()
    {
        var run = Run();
        var series = RealCandles.BtcHead2000;

        var result = run.Execute(series, Device.Cpu, null, CancellationToken.None);

        var bundle = ModelBundle.Load(run.ModelDirectory);
        TestMetrics evaluated;
        using (var forecaster = new Forecaster(bundle, Device.Cpu))
        {
            evaluated = TestMetricsSummary.Of(Evaluator.Evaluate(forecaster, series, EvaluationPart.Test));
        }

        result.TestMetrics.Should().NotBeNull().And.BeEquivalentTo(evaluated);
        bundle.Description.TestMetrics.Should().BeEquivalentTo(evaluated);
        evaluated.Samples.Should().Be(result.Data.Split.Test.Count);
        var target = evaluated.Targets.Should().ContainSingle().Which;
        target.Name.Should().Be("close_h1");
        target.Baseline.Should().Be(TargetTestMetrics.PersistenceBaseline);
        target.Rmse.Should().BePositive();
        target.BaselineRmse.Should().BePositive();
        bundle.Description.Source.Should().BeNull("a series handed in directly has no file to record");
    }
}
