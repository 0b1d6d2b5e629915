using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Torch;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>End-to-end train runs on 1,000 real BTCUSDT 1h candles with the small close-only LSTM.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private static readonly string RealFile = TrainFolders.RealFile;

    private readonly TrainFolders _folders = new("cp-train-");

    public void Dispose() => _folders.Dispose();

    private string Root => _folders.Root;

    private string CheckpointDir => _folders.CheckpointDir;

    private string ModelDir => _folders.ModelDir;

    private string[] Args(params string[] extra) => _folders.Args(extra);

    private static async Task<(int Code, string Output, string Error)> Run(CancellationToken token, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error, token);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Json_train_reports_epochs_and_writes_checkpoint_metrics_and_bundle()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("--epochs", "2", "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("epochs_run").GetInt32().Should().Be(2);
        root.GetProperty("val_loss").GetArrayLength().Should().Be(2);
        root.GetProperty("best_epoch").GetInt32().Should().BeInRange(1, 2);
        root.GetProperty("best_val_loss").GetDouble().Should().BeGreaterThan(0);
        root.GetProperty("samples_per_second").GetDouble().Should().BeGreaterThan(0);
        root.GetProperty("checkpoint").GetString().Should().Be(Path.Combine(CheckpointDir, "checkpoint.cpt"));
        root.GetProperty("model_dir").GetString().Should().Be(ModelDir);
        var bundle = ModelBundle.Load(ModelDir);
        Path.GetDirectoryName(bundle.Directory).Should().Be(Path.Combine(ModelDir, ModelBundle.VersionsFolderName));
        File.Exists(bundle.WeightsPath).Should().BeTrue();
        File.ReadAllLines(Path.Combine(CheckpointDir, "metrics.csv")).Should().HaveCount(3);
        error.Should().Contain("epoch 2/2");

        using var model = JsonDocument.Parse(File.ReadAllText(bundle.DescriptionPath));
        var description = model.RootElement;
        description.GetProperty("format_version").GetInt32().Should().Be(1);
        description.GetProperty("architecture").GetProperty("name").GetString().Should().Be("lstm");
        description.GetProperty("window").GetInt32().Should().Be(16);
        description.GetProperty("feature_columns").EnumerateArray().Select(e => e.GetString()).Should().Equal("close");
        description.GetProperty("training_data").GetProperty("candles").GetInt32().Should().Be(1000);
        description.GetProperty("libtorch_version").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task One_folder_for_checkpoints_and_models_keeps_both_and_resume_continues()
    {
        var shared = Path.Combine(Root, "shared");
        var run = Path.Combine(shared, "BTCUSDT_1h_lstm");
        (await CliRunner.RunAsync(Args("--epochs", "1", "--checkpoints-dir", shared, "--models-dir", shared))).ExitCode.Should().Be(ExitCodes.Ok);
        File.Exists(Path.Combine(run, "checkpoint.cpt")).Should().BeTrue("publishing the bundle must not delete the checkpoint beside it");
        File.ReadAllLines(Path.Combine(run, "metrics.csv")).Should().HaveCount(2);

        var (code, _, error) = await CliRunner.RunAsync(Args("--epochs", "2", "--resume", "--checkpoints-dir", shared, "--models-dir", shared));

        code.Should().Be(ExitCodes.Ok, error);
        File.Exists(Path.Combine(run, "checkpoint.cpt")).Should().BeTrue();
        File.Exists(Path.Combine(run, "checkpoint.prev.cpt")).Should().BeTrue();
        File.ReadAllLines(Path.Combine(run, "metrics.csv")).Should().HaveCount(3);
        ModelBundle.Load(run).Description.Metrics.EpochsRun.Should().Be(2);
        Directory.GetDirectories(Path.Combine(run, ModelBundle.VersionsFolderName)).Should().HaveCount(2, "the first run's bundle is kept as the previous version");
    }

    [Fact]
    public async Task Resume_with_other_settings_is_refused_naming_them_and_leaves_the_checkpoint_alone()
    {
        (await CliRunner.RunAsync(Args("--epochs", "1"))).ExitCode.Should().Be(ExitCodes.Ok);
        var before = File.ReadAllBytes(Path.Combine(CheckpointDir, "checkpoint.cpt"));

        var (code, _, error) = await CliRunner.RunAsync(Args("--epochs", "2", "--resume", "--window", "20", "--lr", "0.01"));

        code.Should().Be(ExitCodes.ModelProblem);
        error.Should().Contain("window: checkpoint 16, now 20").And.Contain("lr: checkpoint 0.001, now 0.01");
        File.ReadAllBytes(Path.Combine(CheckpointDir, "checkpoint.cpt")).Should().Equal(before);
    }

    [Fact]
    public async Task Resume_on_other_candles_needs_force()
    {
        (await CliRunner.RunAsync(Args("--epochs", "1"))).ExitCode.Should().Be(ExitCodes.Ok);
        var shorter = Path.Combine(Root, "shorter.csv");
        File.WriteAllLines(shorter, File.ReadAllLines(RealFile)[..900]);

        var refused = await CliRunner.RunAsync(Args("--epochs", "2", "--resume", "--data", shorter, "--symbol", "BTCUSDT", "--interval", "1h"));
        refused.ExitCode.Should().Be(ExitCodes.ModelProblem);
        refused.Error.Should().Contain("candles differ").And.Contain("--force").And.Contain("1000 candles");

        var forced = await CliRunner.RunAsync(Args("--epochs", "2", "--resume", "--force", "--data", shorter, "--symbol", "BTCUSDT", "--interval", "1h", "--json"));
        forced.ExitCode.Should().Be(ExitCodes.Ok, forced.Error);
        JsonDocument.Parse(forced.Output).RootElement.GetProperty("epochs_run").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Resume_without_a_checkpoint_says_where_it_looked()
    {
        var (code, _, error) = await CliRunner.RunAsync(Args("--resume"));
        code.Should().Be(ExitCodes.ModelProblem);
        error.Should().Contain(CheckpointDir).And.Contain("without --resume");
    }

    [Fact]
    public async Task Cancellation_writes_a_checkpoint_exits_130_and_resume_finishes_the_run()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var (code, _, error) = await Run(cancel.Token, Args("--epochs", "500"));

        code.Should().Be(ExitCodes.Cancelled, error);
        File.Exists(Path.Combine(CheckpointDir, "checkpoint.cpt")).Should().BeTrue();
        File.Exists(Path.Combine(ModelDir, "model.json")).Should().BeFalse("a cancelled run writes no bundle");

        var resumed = await CliRunner.RunAsync(Args("--resume", "--epochs", "1", "--json"));
        resumed.ExitCode.Should().Be(ExitCodes.Ok, resumed.Error);
        ModelBundle.Exists(ModelDir).Should().BeTrue();
    }

    [Fact]
    public async Task Bad_options_are_usage_errors_before_any_file_is_written()
    {
        (await CliRunner.RunAsync(Args("--epochs", "0"))).ExitCode.Should().Be(ExitCodes.Usage);
        (await CliRunner.RunAsync(Args("--model", "transformer"))).Error.Should().Contain("Known models: cnn-lstm-attn, bilstm-ohlc");
        (await CliRunner.RunAsync(Args("--horizon", "3", "--model", "bilstm-ohlc"))).ExitCode.Should().Be(ExitCodes.Usage);
        (await CliRunner.RunAsync(Args("--symbol", "../etc"))).ExitCode.Should().Be(ExitCodes.Usage);
        (await CliRunner.RunAsync(Args("--force"))).ExitCode.Should().Be(ExitCodes.Usage);
        Directory.Exists(Path.Combine(Root, "checkpoints")).Should().BeFalse();
        Directory.Exists(Path.Combine(Root, "models")).Should().BeFalse();
    }

    [Fact]
    public async Task Resume_with_another_model_is_refused_naming_both()
    {
        (await CliRunner.RunAsync(Args("--epochs", "1"))).ExitCode.Should().Be(ExitCodes.Ok);
        var otherRun = Path.Combine(Root, "checkpoints", "BTCUSDT_1h_bilstm-ohlc");
        Directory.Move(CheckpointDir, otherRun);

        var (code, _, error) = await CliRunner.RunAsync(Args("--epochs", "2", "--resume", "--model", "bilstm-ohlc"));

        code.Should().Be(ExitCodes.ModelProblem, error);
        error.Should().Contain("model: checkpoint lstm, now bilstm-ohlc").And.Contain(otherRun);
        File.Exists(Path.Combine(Root, "models", "BTCUSDT_1h_bilstm-ohlc", "model.json")).Should().BeFalse();
    }

    [Fact]
    public async Task A_models_dir_that_is_a_file_fails_before_epoch_1_naming_it()
    {
        var file = Path.Combine(Root, "models-file");
        File.WriteAllText(file, "not a folder");

        var (code, _, error) = await CliRunner.RunAsync(Args("--epochs", "50", "--models-dir", file));

        code.Should().Be(ExitCodes.ModelProblem, error);
        error.Should().Contain(Path.Combine(file, "BTCUSDT_1h_lstm")).And.Contain("model folder");
        error.Should().NotContain("epoch 1/");
        File.Exists(Path.Combine(CheckpointDir, "checkpoint.cpt")).Should().BeFalse("nothing was trained");
    }

    [Fact]
    public async Task The_summary_names_a_checkpoint_only_while_it_exists()
    {
        var shared = Path.Combine(Root, "shared");

        var (code, output, error) = await CliRunner.RunAsync(Args("--epochs", "1", "--json", "--models-dir", shared, "--checkpoints-dir", shared));

        code.Should().Be(ExitCodes.Ok, error);
        var checkpoint = JsonDocument.Parse(output).RootElement.GetProperty("checkpoint");
        if (checkpoint.ValueKind != JsonValueKind.Null)
        {
            File.Exists(checkpoint.GetString()).Should().BeTrue("the summary must not point at a checkpoint the bundle publish removed");
        }
    }

    [NoCudaFact]
    public async Task Cuda_device_without_a_gpu_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync(Args("--device", "cuda:0"));
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("no such CUDA device");
    }

    [Fact]
    public async Task Missing_and_malformed_candles_are_data_errors_naming_the_file()
    {
        var missing = await CliRunner.RunAsync(Args("--symbol", "XYZUSDT"));
        missing.ExitCode.Should().Be(ExitCodes.BadData);
        missing.Error.Should().Contain(Path.Combine(Root, "data", "XYZUSDT_1h.csv"));

        var lines = File.ReadAllLines(RealFile);
        lines[500] = lines[500].Replace(lines[500].Split(',')[4], "NaN", StringComparison.Ordinal);
        var broken = Path.Combine(Root, "broken.csv");
        File.WriteAllLines(broken, lines);
        var bad = await CliRunner.RunAsync(Args("--data", broken));
        bad.ExitCode.Should().Be(ExitCodes.BadData);
        bad.Error.Should().Contain("broken.csv:501");
    }
}

/// <summary>A test of the no-GPU path: reported as skipped (not passed) where libtorch sees a GPU.</summary>
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute()
    {
        if (Cuda.IsAvailable)
        {
            Skip = "libtorch sees a GPU here; this test covers machines without one.";
        }
    }
}
