using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands;

public sealed class WalkForwardCommandTests : IDisposable
{
    private readonly TrainFolders _folders = new("cp-walk-forward-");

    public void Dispose() => _folders.Dispose();

    private string[] Args(params string[] extra) =>
    [
        "evaluate", "--model", "lstm", "--window", "16", "--batch-size", "64", "--epochs", "1", "--device", "cpu",
        "--data-dir", Path.Combine(_folders.Root, "data"), "--models-dir", Path.Combine(_folders.Root, "models"),
        "--checkpoints-dir", Path.Combine(_folders.Root, "checkpoints"), .. extra,
    ];

    private static JsonElement Parse(string output)
    {
        output.Trim().Split('\n').Should().ContainSingle("--json prints exactly one line");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Folds_are_scored_against_persistence_and_pooled_and_a_second_run_reuses_them()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("--walk-forward", "2", "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        var root = Parse(output);
        root.GetProperty("model").GetString().Should().Be("lstm");
        root.GetProperty("settings").GetProperty("epochs").GetInt32().Should().Be(1);
        var folds = root.GetProperty("folds").EnumerateArray().ToArray();
        folds.Select(f => f.GetProperty("fold").GetInt32()).Should().Equal(1, 2);
        folds.Should().OnlyContain(f => !f.GetProperty("reused").GetBoolean());
        folds[1].GetProperty("test").GetProperty("from").GetDateTime().Should().BeAfter(folds[0].GetProperty("test").GetProperty("to").GetDateTime());
        foreach (var fold in folds)
        {
            fold.GetProperty("train_to").GetDateTime().Should().BeBefore(fold.GetProperty("test").GetProperty("from").GetDateTime());
            var target = fold.GetProperty("targets").GetProperty("close_h1");
            target.GetProperty("model").GetProperty("mae").GetDouble().Should().BePositive();
            target.GetProperty("persistence").GetProperty("mae").GetDouble().Should().BePositive();
        }

        var pooled = root.GetProperty("pooled");
        pooled.GetProperty("samples").GetInt32().Should().Be(folds.Sum(f => f.GetProperty("samples").GetInt32()));
        foreach (var fold in folds)
        {
            var trading = fold.GetProperty("backtest");
            trading.GetProperty("candles").GetInt32().Should().BeGreaterThanOrEqualTo(fold.GetProperty("samples").GetInt32(),
                "each test sample's forecast trades the candle after it; candles of the block without a usable window (a gap) are flat");
            trading.GetProperty("buy_and_hold").GetProperty("trades").GetInt32().Should().Be(1);
            trading.GetProperty("strategy").GetProperty("exposure").GetDouble().Should().BeInRange(0, 1);
        }

        var pooledTrading = pooled.GetProperty("backtest");
        pooledTrading.GetProperty("candles").GetInt32().Should().Be(folds.Sum(f => f.GetProperty("backtest").GetProperty("candles").GetInt32()));
        pooledTrading.GetProperty("flat").GetProperty("total_return").GetDouble().Should().Be(0);
        var held = folds.Aggregate(1.0, (equity, f) => equity * (1 + f.GetProperty("backtest").GetProperty("buy_and_hold").GetProperty("total_return").GetDouble()));
        (1 + pooledTrading.GetProperty("buy_and_hold").GetProperty("total_return").GetDouble()).Should().BeApproximately(held / Math.Pow(1 - 0.001, folds.Length - 1), 2e-5,
            "pooled buy-and-hold compounds the folds' and pays the entry fee once, not once per fold (the fee is subtracted from a candle's return, " +
            "so dividing by 1 - fee is exact only to about fee x that candle's return)");
        root.GetProperty("trading").GetProperty("fee_bps").GetDouble().Should().Be(10);
        Directory.Exists(Path.Combine(_folders.Root, "checkpoints", "walk-forward", "BTCUSDT_1h_lstm_k2", "fold-02")).Should().BeTrue();
        Directory.Exists(Path.Combine(_folders.Root, "models")).Should().BeFalse("fold models are not bundles for predict");

        var again = await CliRunner.RunAsync(Args("--walk-forward", "2", "--json"));

        again.ExitCode.Should().Be(ExitCodes.Ok, again.Error);
        var second = Parse(again.Output);
        second.GetProperty("folds").EnumerateArray().Should().OnlyContain(f => f.GetProperty("reused").GetBoolean());
        second.GetProperty("pooled").ToString().Should().Be(pooled.ToString());
    }

    [Fact]
    public async Task A_walk_forward_killed_after_a_fold_continues_from_the_next_and_ends_as_an_uninterrupted_one()
    {
        var killed = await CliProcess.RunAsync(Args("--walk-forward", "2", "--json"), faultAt: "walk_forward.fold_done");
        killed.ExitCode.Should().Be(137, "the fault point SIGKILLs the process after fold 1");

        var resumed = await CliProcess.RunAsync(Args("--walk-forward", "2", "--json"));

        resumed.ExitCode.Should().Be(ExitCodes.Ok, resumed.Error);
        var folds = Parse(resumed.Output).GetProperty("folds").EnumerateArray().ToArray();
        folds.Select(f => f.GetProperty("reused").GetBoolean()).Should().Equal(true, false);

        using var fresh = new TrainFolders("cp-walk-forward-fresh-");
        var (code, output, error) = await CliRunner.RunAsync(
        [
            "evaluate", "--model", "lstm", "--window", "16", "--batch-size", "64", "--epochs", "1", "--device", "cpu",
            "--data-dir", Path.Combine(fresh.Root, "data"), "--checkpoints-dir", Path.Combine(fresh.Root, "checkpoints"), "--walk-forward", "2", "--json",
        ]);
        code.Should().Be(ExitCodes.Ok, error);
        Parse(resumed.Output).GetProperty("pooled").ToString().Should().Be(Parse(output).GetProperty("pooled").ToString());
    }

    [Fact]
    public async Task A_human_run_prints_a_table_per_target_with_the_folds_and_the_pooled_row()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("--walk-forward", "2", "--retrain-every", "2"));

        code.Should().Be(ExitCodes.Ok, error);
        output.Should().Contain("close_h1").And.Contain("pooled").And.Contain("persistence").And.Contain("a new model every 2").And.Contain("trading the folds");
        error.Should().Contain("fold 1: training").And.NotContain("fold 2: training", "fold 2 is tested with fold 1's model");
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "takes 2 to 100 folds", "--walk-forward", "1")]
    [InlineData(ExitCodes.Usage, "--retrain-every must be between 1 and the number of folds (2)", "--walk-forward", "2", "--retrain-every", "3")]
    [InlineData(ExitCodes.Usage, "--report is not available with --walk-forward", "--walk-forward", "2", "--report", "r.html")]
    [InlineData(ExitCodes.BadData, "fewer folds or more candles", "--walk-forward", "60")]
    [InlineData(ExitCodes.Usage, "--fee-bps must be a finite number", "--walk-forward", "2", "--fee-bps", "-1")]
    public async Task Impossible_walk_forwards_are_refused_before_any_training(int exitCode, string message, params string[] extra)
    {
        var (code, _, error) = await CliRunner.RunAsync(Args(extra));

        code.Should().Be(exitCode, error);
        error.Should().Contain(message);
        Directory.Exists(Path.Combine(_folders.Root, "checkpoints", "walk-forward")).Should().BeFalse();
    }

    [Fact]
    public async Task Training_options_without_walk_forward_are_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync(
            "evaluate", "--model", "lstm", "--epochs", "3", "--retrain-every", "2", "--data-dir", Path.Combine(_folders.Root, "data"), "--models-dir", Path.Combine(_folders.Root, "models"));

        code.Should().Be(ExitCodes.Usage, error);
        error.Should().Contain("--epochs, --retrain-every only apply with --walk-forward K");

        var trading = await CliRunner.RunAsync("evaluate", "--model", "lstm", "--long-only", "--data-dir", Path.Combine(_folders.Root, "data"));
        trading.ExitCode.Should().Be(ExitCodes.Usage, trading.Error);
        trading.Error.Should().Contain("--long-only only apply with --walk-forward K");
    }
}
