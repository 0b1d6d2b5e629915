using System.Text.Json;
using CryptoPredict.Core.Batch;

namespace CryptoPredict.Cli.Tests.Commands.Batch;

/// <summary>
/// One batch run after another over the same project, in-process: what is trained, skipped and failed, and that
/// re-running is idempotent (--force, --retry-failed, --only-stale change that as documented).
/// </summary>
public sealed class BatchCommandTests : IDisposable
{
    private readonly BatchFolders _folders = new("cp-batch-", "BTCUSDT", "ETHUSDT");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Reruns_skip_what_is_done_keep_failures_until_retried_and_force_retrains()
    {
        _folders.WriteCandles("XRPUSDT", 40);
        const string symbols = "BTCUSDT,XRPUSDT,SOLUSDT";

        var (code, output, error) = await CliRunner.RunAsync(_folders.Args(symbols));

        code.Should().Be(ExitCodes.UnitFailed, error);
        var units = BatchFolders.Units(output);
        BatchFolders.Status(units, "BTCUSDT_1h_lstm").Should().Be("trained");
        units["BTCUSDT_1h_lstm"].GetProperty("metrics").GetProperty("targets").GetProperty("close_h1").GetProperty("theil_u").GetDouble().Should().BePositive();
        BatchFolders.Status(units, "XRPUSDT_1h_lstm").Should().Be("skipped");
        units["XRPUSDT_1h_lstm"].GetProperty("reason").GetString().Should().StartWith("too few candles: 40 candles");
        BatchFolders.Status(units, "SOLUSDT_1h_lstm").Should().Be("failed");
        units["SOLUSDT_1h_lstm"].GetProperty("exit_code").GetInt32().Should().Be(ExitCodes.BadData);
        units["SOLUSDT_1h_lstm"].GetProperty("reason").GetString().Should().Contain(Path.Combine(_folders.DataDir, "SOLUSDT_1h.csv"));
        JsonDocument.Parse(output).RootElement.GetProperty("counts").GetRawText().Should().Be("""{"total":3,"trained":1,"skipped":1,"failed":1,"busy":0}""");
        File.ReadAllText(units["BTCUSDT_1h_lstm"].GetProperty("log").GetString()!).Should().Contain("epoch 1/1").And.Contain("trained: bundle");
        var ledger = _folders.Ledger().ToDictionary(e => e.Name);
        ledger["BTCUSDT_1h_lstm"].Should().Match<LedgerEntry>(e => e.State == UnitState.Done && e.Attempts == 1 && e.ExitCode == 0 && e.MetricsJson != null && e.SamplesPerSecond > 0);
        ledger["XRPUSDT_1h_lstm"].State.Should().Be(UnitState.Skipped);
        ledger["SOLUSDT_1h_lstm"].Should().Match<LedgerEntry>(e => e.State == UnitState.Failed && e.ExitCode == 2 && e.Error!.Contains("No candles for SOLUSDT 1h"));

        (code, output, error) = await CliRunner.RunAsync(_folders.Args(symbols));

        code.Should().Be(ExitCodes.UnitFailed, error);
        units = BatchFolders.Units(output);
        BatchFolders.Status(units, "BTCUSDT_1h_lstm").Should().Be("skipped");
        units["BTCUSDT_1h_lstm"].GetProperty("reason").GetString().Should().StartWith("up to date");
        units["SOLUSDT_1h_lstm"].GetProperty("reason").GetString().Should().EndWith("Not retried without --retry-failed.");
        _folders.Ledger().Single(e => e.Name == "SOLUSDT_1h_lstm").Attempts.Should().Be(1, "a kept failure is not another attempt");
        _folders.Versions("BTCUSDT_1h_lstm").Should().Be(1);

        _folders.WriteCandles("SOLUSDT", BatchFolders.Candles);
        (code, output, error) = await CliRunner.RunAsync(_folders.Args(symbols, "--retry-failed"));

        code.Should().Be(ExitCodes.Ok, error);
        units = BatchFolders.Units(output);
        BatchFolders.Status(units, "SOLUSDT_1h_lstm").Should().Be("trained");
        BatchFolders.Status(units, "BTCUSDT_1h_lstm").Should().Be("skipped");

        (code, output, error) = await CliRunner.RunAsync(_folders.Args("BTCUSDT,SOLUSDT", "--force"));

        code.Should().Be(ExitCodes.Ok, error);
        BatchFolders.Units(output).Values.Select(u => u.GetProperty("status").GetString()).Should().Equal("trained", "trained");
        _folders.Versions("BTCUSDT_1h_lstm").Should().Be(2);
    }

    [Fact]
    public async Task Only_stale_retrains_the_units_whose_candles_have_new_ones_and_changed_candles_retrain_by_default()
    {
        (await CliRunner.RunAsync(_folders.Args("BTCUSDT,ETHUSDT"))).ExitCode.Should().Be(ExitCodes.Ok);
        _folders.WriteCandles("BTCUSDT", BatchFolders.Candles + 50);

        var (code, output, error) = await CliRunner.RunAsync(_folders.Args("BTCUSDT,ETHUSDT,SOLUSDT", "--only-stale"));

        code.Should().Be(ExitCodes.Ok, error);
        var units = BatchFolders.Units(output);
        BatchFolders.Status(units, "BTCUSDT_1h_lstm").Should().Be("trained");
        units["ETHUSDT_1h_lstm"].GetProperty("reason").GetString().Should().StartWith("no new candles since");
        units["SOLUSDT_1h_lstm"].GetProperty("reason").GetString().Should().StartWith("not trained yet: --only-stale");

        _folders.WriteCandles("ETHUSDT", BatchFolders.Candles - 10);
        (code, output, _) = await CliRunner.RunAsync(_folders.Args("ETHUSDT"));

        code.Should().Be(ExitCodes.Ok);
        BatchFolders.Units(output)["ETHUSDT_1h_lstm"].GetProperty("status").GetString().Should().Be("trained", "its candles changed");
    }

    [Fact]
    public async Task A_plan_file_gives_units_their_own_settings_and_its_errors_name_file_line_and_field()
    {
        var plan = Path.Combine(_folders.Root, "plan.yaml");
        await File.WriteAllTextAsync(plan, "defaults:\n  window: 16\nunits:\n  - {symbol: BTCUSDT, interval: 1h, model: lstm, batch_size: 64}\n");

        var (code, output, error) = await CliRunner.RunAsync(
            "batch", "--plan", plan, "--epochs", "1", "--device", "cpu", "--data-dir", _folders.DataDir, "--models-dir", _folders.ModelsDir,
            "--checkpoints-dir", Path.Combine(_folders.Root, "checkpoints"), "--json");

        code.Should().Be(ExitCodes.Ok, error);
        BatchFolders.Units(output).Keys.Should().Equal("BTCUSDT_1h_lstm");
        var model = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Core.Artifacts.ModelBundle.Load(Path.Combine(_folders.ModelsDir, "BTCUSDT_1h_lstm")).Directory, "model.json"))).RootElement;
        model.GetProperty("window").GetInt32().Should().Be(16);

        await File.WriteAllTextAsync(plan, "units:\n  - symbol: BTCUSDT\n    interval: 1h\n    model: lstm\n    window: wide\n");
        (code, output, _) = await CliRunner.RunAsync("batch", "--plan", plan, "--models-dir", _folders.ModelsDir, "--json");

        code.Should().Be(ExitCodes.Usage);
        var failure = JsonDocument.Parse(output).RootElement.GetProperty("error");
        failure.GetProperty("message").GetString().Should().Be($"{plan}:5: units[0].window: 'wide' is not a whole number.");
        failure.GetProperty("file").GetString().Should().Be(plan);
        failure.GetProperty("line").GetInt32().Should().Be(5);
    }

    [Theory]
    [InlineData(new[] { "batch" }, "batch needs --symbols")]
    [InlineData(new[] { "batch", "--symbols", "BTCUSDT,BTC$" }, "--symbols: 'BTC$' is not a symbol")]
    [InlineData(new[] { "batch", "--symbols", "BTCUSDT", "--models", "lstm,gpt" }, "--models: 'gpt' is not a model. Known models:")]
    [InlineData(new[] { "batch", "--symbols", "BTCUSDT", "--intervals", "1h,7x" }, "--intervals: '7x' is not an interval")]
    [InlineData(new[] { "batch", "--symbols", "BTCUSDT", "--shard", "2/2" }, "--shard: shard index 2 is outside 0..1")]
    [InlineData(new[] { "batch", "--plan", "plan.yaml", "--symbols", "BTCUSDT" }, "--plan lists the units itself")]
    public async Task Usage_errors_exit_1_naming_the_option(string[] args, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync(args);

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain(message);
    }
}
