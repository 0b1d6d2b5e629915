using System.Text.Json;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary><c>pipeline</c> end to end on the 1,000 test candles with the small close-only LSTM, one epoch.</summary>
public sealed class PipelineCommandTests : IDisposable
{
    private readonly TrainFolders _folders = new("cp-pipeline-");

    public void Dispose() => _folders.Dispose();

    private string[] Args(params string[] extra) => ["pipeline", .. _folders.Args(["--epochs", "1", .. extra]).Skip(1)];

    [Fact]
    public async Task Json_pipeline_runs_every_step_on_the_data_file_and_prints_one_object_with_a_section_per_step()
    {
        var data = Path.Combine(_folders.Root, "data", "BTCUSDT_1h.csv");

        var (code, output, error) = await CliRunner.RunAsync(Args("--data", data, "--backtest", "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle("--json prints exactly one object");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("steps").EnumerateArray().Select(s => s.GetString()).Should().Equal("preprocess", "train", "evaluate", "backtest");
        root.GetProperty("model").GetString().Should().Be("lstm");
        root.GetProperty("preprocess").GetProperty("candles").GetInt32().Should().Be(1000);
        root.GetProperty("preprocess").GetProperty("columns").EnumerateArray().Select(c => c.GetString()).Should().Equal("close");
        root.GetProperty("train").GetProperty("epochs_run").GetInt32().Should().Be(1);
        var evaluate = root.GetProperty("evaluate");
        evaluate.GetProperty("part").GetString().Should().Be("test", "the pipeline scores the part of --data it did not train on");
        evaluate.GetProperty("samples").GetInt32().Should().Be(root.GetProperty("train").GetProperty("test_samples").GetInt32());
        evaluate.GetProperty("targets").GetProperty("close_h1").GetProperty("persistence").GetProperty("mae").GetDouble().Should().BePositive();
        root.GetProperty("backtest").GetProperty("settings").GetProperty("part").GetString().Should().Be("test");
        root.GetProperty("backtest").GetProperty("strategy").ValueKind.Should().Be(JsonValueKind.Object);
        ModelBundle.Exists(_folders.ModelDir).Should().BeTrue();
        error.Should().Contain("pipeline step 1/4: preprocess").And.Contain("pipeline step 4/4: backtest");
    }

    [Fact]
    public async Task The_table_summarises_each_step_and_leaves_backtest_out_unless_asked()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args());

        code.Should().Be(ExitCodes.Ok, error);
        output.Should().Contain("1000 candles").And.Contain("1 epochs").And.Contain("evaluate close_h1").And.Contain("vs persistence");
        output.Should().NotContain("backtest");
    }

    [Fact]
    public async Task A_failing_step_stops_the_pipeline_with_its_exit_code_and_names_it()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("--window", "990", "--json"));

        code.Should().Be(ExitCodes.BadData, error);
        var message = output.ShouldBeJsonError("bad_data", ExitCodes.BadData).GetProperty("message").GetString();
        message.Should().StartWith("pipeline step 2/3 (train) failed: ").And.Contain("BTCUSDT_1h.csv");
        error.Should().NotContain("pipeline step 3/3");
        ModelBundle.Exists(_folders.ModelDir).Should().BeFalse();
    }

    [Fact]
    public async Task Missing_candles_fail_the_first_step()
    {
        var (code, _, error) = await CliRunner.RunAsync(Args("--symbol", "ETHUSDT"));

        code.Should().Be(ExitCodes.BadData, error);
        error.Should().Contain("pipeline step 1/3 (preprocess) failed: ").And.Contain("ETHUSDT");
        Directory.Exists(Path.Combine(_folders.Root, "checkpoints")).Should().BeFalse();
    }
}
