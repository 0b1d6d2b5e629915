using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands;

[Collection(TrainedBundlesGroup.Name)]
public sealed class BacktestCommandTests(TrainedBundles bundles) : IDisposable
{
    private static readonly string[] MetricKeys =
        ["total_return", "cagr", "sharpe", "sortino", "max_drawdown", "calmar", "hit_rate", "trades", "turnover", "exposure"];

    private readonly string _dir = Directory.CreateTempSubdirectory("cp-backtest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Args(string model, params string[] extra) =>
        ["backtest", "--model", model, "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, .. extra];

    private async Task<JsonElement> BacktestJson(string model, params string[] extra)
    {
        var (code, output, error) = await CliRunner.RunAsync(Args(model, [.. extra, "--json"]));
        code.Should().Be(ExitCodes.Ok, error);
        output.Trim().Split('\n').Should().ContainSingle("--json prints exactly one line");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    /// <summary>Open time (as in the file) to close, from the training file.</summary>
    private Dictionary<DateTime, double> Closes() => bundles.AllLines.Skip(1).Take(TrainedBundles.TrainingCandles)
        .Select(l => l.Split(','))
        .ToDictionary(f => DateTime.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), f => double.Parse(f[4], CultureInfo.InvariantCulture));

    private static (DateTime Time, double Position, double Price, double Return, double Equity)[] ReadEquity(string path)
    {
        var lines = File.ReadAllLines(path);
        lines[0].Should().Be("timestamp,position,price,return,equity");
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => (
            DateTime.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            double.Parse(f[1], CultureInfo.InvariantCulture),
            double.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture),
            double.Parse(f[4], CultureInfo.InvariantCulture))).ToArray();
    }

    [Fact]
    public async Task Json_has_the_three_strategies_with_every_metric_the_p_value_the_period_and_the_settings()
    {
        var root = await BacktestJson("lstm");

        root.EnumerateObject().Select(p => p.Name).Should().Contain(["strategy", "buy_and_hold", "flat", "p_value", "candles", "period", "settings"]);
        foreach (var name in new[] { "strategy", "buy_and_hold", "flat" })
        {
            root.GetProperty(name).EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(MetricKeys, name);
        }

        var split = ModelBundle.Load(bundles.BundleDir("lstm")).Description.Split;
        var closes = Closes();
        var times = closes.Keys.Order().ToArray();
        var first = Array.IndexOf(times, split.TestFrom);
        var last = Array.IndexOf(times, split.TestTo);
        root.GetProperty("candles").GetInt32().Should().Be(last - first + 1, "one candle after every forecast origin of the test part");
        root.GetProperty("period").GetProperty("from").GetDateTime().Should().Be(times[first + 1]);
        root.GetProperty("period").GetProperty("to").GetDateTime().Should().Be(times[last + 1]);

        // Buy and hold over those candles, paying the 10 bps entry: (c1 / c0 - 0.001) x cN / c1 - 1.
        var (c0, c1, cN) = (closes[times[first]], closes[times[first + 1]], closes[times[last + 1]]);
        var hold = root.GetProperty("buy_and_hold");
        hold.GetProperty("total_return").GetDouble().Should().BeApproximately(((c1 / c0) - 0.001) * (cN / c1) - 1, 1e-9);
        hold.GetProperty("trades").GetInt32().Should().Be(1);
        hold.GetProperty("exposure").GetDouble().Should().Be(1);
        var flat = root.GetProperty("flat");
        flat.GetProperty("total_return").GetDouble().Should().Be(0);
        flat.GetProperty("sharpe").ValueKind.Should().Be(JsonValueKind.Null, "returns that never vary have no Sharpe");
        flat.GetProperty("trades").GetInt32().Should().Be(0);

        var settings = root.GetProperty("settings");
        settings.GetProperty("part").GetString().Should().Be("test");
        settings.GetProperty("data").GetString().Should().Be(bundles.TrainingFile);
        settings.GetProperty("threshold").GetDouble().Should().Be(0.002);
        settings.GetProperty("fee_bps").GetDouble().Should().Be(10);
        settings.GetProperty("slippage_bps").GetDouble().Should().Be(0);
        settings.GetProperty("long_only").GetBoolean().Should().BeFalse();
        settings.GetProperty("periods_per_year").GetDouble().Should().Be(8760);
        settings.GetProperty("random_strategies").GetInt32().Should().Be(1000);
        settings.GetProperty("sweep").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("p_value").ValueKind.Should().BeOneOf(JsonValueKind.Number, JsonValueKind.Null);
    }

    [Fact]
    public async Task The_equity_file_starts_at_one_and_compounds_each_candles_return_at_its_close()
    {
        var equity = Path("equity.csv");
        var root = await BacktestJson("lstm", "--threshold", "0", "--equity", equity);

        var rows = ReadEquity(equity);
        var closes = Closes();
        rows.Should().HaveCount(root.GetProperty("candles").GetInt32() + 1);
        rows[0].Should().Be((rows[0].Time, 0.0, closes[rows[0].Time], 0.0, 1.0), "the first row is the starting point");
        rows[1].Time.Should().Be(root.GetProperty("period").GetProperty("from").GetDateTime());
        for (var i = 1; i < rows.Length; i++)
        {
            rows[i].Price.Should().Be(closes[rows[i].Time]);
            var expected = (rows[i].Position * ((rows[i].Price / rows[i - 1].Price) - 1)) - (0.001 * Math.Abs(rows[i].Position - rows[i - 1].Position));
            rows[i].Return.Should().BeApproximately(expected, 1e-12, "row {0}", i);
            rows[i].Equity.Should().BeApproximately(rows[i - 1].Equity * (1 + rows[i].Return), 1e-12, "row {0}", i);
        }

        rows.Select(r => r.Position).Distinct().Should().HaveCountGreaterThan(1, "threshold 0 trades every forecast's sign");
        (rows[^1].Equity - 1).Should().BeApproximately(root.GetProperty("strategy").GetProperty("total_return").GetDouble(), 1e-12);
        root.GetProperty("equity").GetString().Should().Be(equity);
        Directory.GetFiles(_dir).Should().Equal([equity], "the file is written atomically, no temporary file is left");
    }

    [Fact]
    public async Task Fees_and_slippage_are_charged_on_every_change_and_long_only_never_shorts()
    {
        var free = Path("free.csv");
        var costly = Path("costly.csv");
        var longOnly = Path("long.csv");
        await BacktestJson("lstm", "--threshold", "0", "--fee-bps", "0", "--equity", free);
        var charged = await BacktestJson("lstm", "--threshold", "0", "--fee-bps", "20", "--slippage-bps", "5", "--equity", costly);
        var onlyLong = await BacktestJson("lstm", "--threshold", "0", "--long-only", "--equity", longOnly);

        var a = ReadEquity(free);
        var b = ReadEquity(costly);
        for (var i = 1; i < a.Length; i++)
        {
            b[i].Position.Should().Be(a[i].Position);
            b[i].Return.Should().BeApproximately(a[i].Return - (0.0025 * Math.Abs(a[i].Position - a[i - 1].Position)), 1e-12);
        }

        charged.GetProperty("settings").GetProperty("cost_per_unit_turnover").GetDouble().Should().BeApproximately(0.0025, 1e-15);
        var l = ReadEquity(longOnly);
        l.Should().OnlyContain(r => r.Position >= 0);
        l.Skip(1).Zip(a.Skip(1)).Should().OnlyContain(p => p.First.Position == Math.Max(0, p.Second.Position), "long-only is the same signal with the shorts made flat");
        onlyLong.GetProperty("settings").GetProperty("long_only").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_sweep_chooses_on_the_validation_part_and_reports_the_test_part()
    {
        var root = await BacktestJson("lstm", "--sweep", "0:0.001:5");

        var description = ModelBundle.Load(bundles.BundleDir("lstm")).Description;
        var sweep = root.GetProperty("settings").GetProperty("sweep");
        var candidates = sweep.GetProperty("candidates").EnumerateArray().ToArray();
        candidates.Select(c => c.GetProperty("threshold").GetDouble()).Should().Equal(0, 0.00025, 0.0005, 0.00075, 0.001);
        var best = candidates.Where(c => c.GetProperty("sharpe").ValueKind == JsonValueKind.Number).MaxBy(c => c.GetProperty("sharpe").GetDouble());
        best.ValueKind.Should().Be(JsonValueKind.Object, "threshold 0 is always in the market, so some Sharpe is defined");
        var chosen = sweep.GetProperty("chosen_threshold").GetDouble();
        chosen.Should().Be(best.GetProperty("threshold").GetDouble());
        sweep.GetProperty("validation_sharpe").GetDouble().Should().Be(best.GetProperty("sharpe").GetDouble());

        root.GetProperty("settings").GetProperty("threshold").GetDouble().Should().Be(chosen, "the chosen threshold is the one traded");
        sweep.GetProperty("validation_period").GetProperty("from").GetDateTime().Should().BeAfter(description.Split.ValidationFrom);
        sweep.GetProperty("validation_period").GetProperty("to").GetDateTime().Should().BeOnOrBefore(description.Split.TestFrom);
        root.GetProperty("settings").GetProperty("part").GetString().Should().Be("test");
        root.GetProperty("period").GetProperty("from").GetDateTime().Should().BeAfter(description.Split.TestFrom, "the figures are the test part's only");

        // The same threshold typed by hand gives the same test figures: the sweep only chose it.
        var typed = await BacktestJson("lstm", "--threshold", chosen.ToString("R", CultureInfo.InvariantCulture));
        typed.GetProperty("strategy").GetRawText().Should().Be(root.GetProperty("strategy").GetRawText());
        typed.GetProperty("p_value").GetRawText().Should().Be(root.GetProperty("p_value").GetRawText(), "the p-value is seeded");
    }

    [Fact]
    public async Task A_held_out_file_is_traded_whole_and_the_sweep_still_chooses_on_the_training_candles()
    {
        var root = await BacktestJson("lstm", "--data", bundles.HeldOutFile, "--sweep", "0:0.002:3");

        root.GetProperty("settings").GetProperty("part").GetString().Should().Be("all");
        root.GetProperty("settings").GetProperty("data").GetString().Should().Be(bundles.HeldOutFile);
        root.GetProperty("candles").GetInt32().Should().BeInRange(250, 300 - 16);
        root.GetProperty("settings").GetProperty("sweep").GetProperty("validation_data").GetString().Should().Be(bundles.TrainingFile);
    }

    [Fact]
    public async Task The_regime_and_volatility_models_trade_by_class_and_by_volatility_target()
    {
        var regime = await BacktestJson("cnn-lstm-regime", "--long-only");
        regime.GetProperty("settings").GetProperty("rule").GetString().Should().Be("long when bullish, flat otherwise");
        regime.GetProperty("settings").GetProperty("threshold").ValueKind.Should().Be(JsonValueKind.Null);

        var volatility = await BacktestJson("lstm-attn-vol", "--vol-target", "0.3");
        volatility.GetProperty("settings").GetProperty("vol_target").GetDouble().Should().Be(0.3);
        volatility.GetProperty("settings").GetProperty("max_position").GetDouble().Should().Be(1);
        volatility.GetProperty("strategy").GetProperty("exposure").GetDouble().Should().BeInRange(0, 1);
    }

    [Fact]
    public async Task The_report_is_a_self_contained_page_and_the_table_shows_every_metric()
    {
        var report = Path("report.html");

        var (code, output, error) = await CliRunner.RunAsync(Args("bilstm-ohlc", "--report", report));

        code.Should().Be(ExitCodes.Ok, error);
        var html = await File.ReadAllTextAsync(report);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("bilstm-ohlc on BTCUSDT 1h: backtest").And.Contain("<div class=\"plot\"").And.Contain("<script id=\"plotly-js\">");
        html.Should().NotMatchRegex("<script[^>]*\\ssrc\\s*=", "plotly.js is inlined: the page works offline");
        output.Should().Contain("strategy").And.Contain("buy & hold").And.Contain("p-value").And.Contain("max drawdown").And.Contain("exposure");
        output.Should().Contain(report);
    }

    [Theory]
    [InlineData(new[] { "--sweep", "0.001:0.002" }, "--sweep '0.001:0.002' is not a sweep: use START:END:COUNT")]
    [InlineData(new[] { "--sweep", "0.002:0.001:3" }, "is not a sweep")]
    [InlineData(new[] { "--threshold", "0.001", "--sweep", "0:0.002:3" }, "--threshold and --sweep exclude each other")]
    [InlineData(new[] { "--threshold", "-0.1" }, "--threshold -0.1: use a finite fraction >= 0")]
    [InlineData(new[] { "--fee-bps", "-1" }, "--fee-bps -1: use basis points")]
    [InlineData(new[] { "--vol-target", "0.5" }, "--vol-target sizes the volatility model's position")]
    public async Task Bad_settings_are_usage_errors_before_anything_runs(string[] extra, string message)
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("lstm", [.. extra, "--json"]));

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain(message).And.NotContain("   at ");
        output.ShouldBeJsonError("usage", ExitCodes.Usage).GetProperty("message").GetString().Should().Contain(message);
    }

    [Fact]
    public async Task Options_the_model_does_not_read_are_refused()
    {
        var (code, _, error) = await CliRunner.RunAsync(Args("cnn-lstm-regime", "--threshold", "0.01"));
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("trades its most likely regime").And.Contain("--threshold, --sweep and --vol-target do not apply");

        (code, _, error) = await CliRunner.RunAsync(Args("lstm-attn-vol", "--sweep", "0:0.01:3"));
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("forecasts volatility, which has no direction");
    }

    [Fact]
    public async Task Outputs_that_cannot_be_written_are_refused_before_the_model_runs_and_nothing_is_left()
    {
        var missing = Path(System.IO.Path.Combine("no-such-folder", "equity.csv"));
        var (code, _, error) = await CliRunner.RunAsync(Args("lstm", "--equity", missing, "--report", Path("report.html")));
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain($"--equity '{missing}': folder").And.Contain("does not exist");
        Directory.GetFileSystemEntries(_dir).Should().BeEmpty("the report is not written when the equity file cannot be");

        (code, _, error) = await CliRunner.RunAsync(Args("lstm", "--report", _dir));
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain($"--report '{_dir}': is a folder");

        (code, _, error) = await CliRunner.RunAsync(Args("lstm", "--equity", bundles.TrainingFile));
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("would overwrite the candle file");
    }

    [Fact]
    public async Task A_missing_bundle_and_bad_candles_go_through_the_failure_map()
    {
        var (code, output, error) = await CliRunner.RunAsync("backtest", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", _dir, "--json");
        code.Should().Be(ExitCodes.ModelProblem);
        error.Should().Contain("No trained model for BTCUSDT 1h lstm");
        output.ShouldBeJsonError("model", ExitCodes.ModelProblem);

        var bad = Path("bad.csv");
        await File.WriteAllLinesAsync(bad, ["timestamp,open,high,low,close,volume", "2024-01-01T00:00:00Z,1,2,0.5,1.5,10", "garbage"]);
        (code, _, error) = await CliRunner.RunAsync(Args("lstm", "--data", bad));
        code.Should().Be(ExitCodes.BadData);
        error.Should().Contain(bad).And.NotContain("   at ");

        var few = Path("few.csv");
        await File.WriteAllLinesAsync(few, bundles.AllLines.Take(12));
        (code, _, error) = await CliRunner.RunAsync(Args("lstm", "--data", few));
        code.Should().Be(ExitCodes.BadData);
        error.Should().Contain(few).And.Contain("too few candles");
    }

    [Fact]
    public async Task The_built_cli_runs_a_backtest_end_to_end()
    {
        var equity = Path("equity.csv");

        var (code, output, error) = await CliProcess.RunAsync(Args("lstm", "--equity", equity, "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("candles").GetInt32().Should().Be(File.ReadAllLines(equity).Length - 2, "a header and the starting point");
    }
}
