using System.Globalization;
using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands;

public sealed class PreprocessCommandTests : IDisposable
{
    private static readonly string RealFile = Path.Combine(AppContext.BaseDirectory, "TestData", "Preprocess", "BTCUSDT_1h.csv");

    private readonly string _dir = Directory.CreateTempSubdirectory("cp-preprocess-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string DataDir()
    {
        var dataDir = Path.Combine(_dir, "data");
        Directory.CreateDirectory(dataDir);
        File.Copy(RealFile, Path.Combine(dataDir, "BTCUSDT_1h.csv"), overwrite: true);
        return dataDir;
    }

    private string In(string name) => Path.Combine(_dir, name);

    /// <summary>Files in the work folder other than the inputs: outputs and any leftover temporary file.</summary>
    private string[] Written() =>
        Directory.GetFiles(_dir).Select(Path.GetFileName).Where(n => n is not null && !n.StartsWith("input", StringComparison.Ordinal)).Select(n => n!).Order().ToArray();

    [Fact]
    public async Task Bundled_file_becomes_feature_csv_and_quality_report()
    {
        var (code, output, error) = await CliRunner.RunAsync(
            "preprocess", "--symbol", "BTCUSDT", "--interval", "1h", "--data-dir", DataDir(), "--output", In("features.csv"), "--report", In("report.json"));

        code.Should().Be(ExitCodes.Ok, error);
        Written().Should().Equal("features.csv", "report.json");
        var lines = File.ReadAllLines(In("features.csv"));
        lines[0].Should().Be("timestamp,close,open,high,low,volume,atr_14,bb_upper,bb_lower,bb_width,rsi_14,macd,volatility_20,bb_position");
        // MACD(12,26,9) is the slowest feature: its first value is at row 33 of the 1,000 candles.
        lines.Should().HaveCount(1 + 1000 - 33);
        var realRows = File.ReadAllLines(RealFile);
        lines[1].Split(',')[0].Should().Be(realRows[1 + 33].Split(',')[0]);
        lines[1].Split(',')[1].Should().Be(realRows[1 + 33].Split(',')[4], "the close is copied exactly");
        lines.Skip(1).Should().OnlyContain(l => l.Split(',').Length == 14 && !l.Contains(",,", StringComparison.Ordinal));

        using var report = JsonDocument.Parse(File.ReadAllText(In("report.json")));
        report.RootElement.GetRawText().Should().Contain("2020-02-09T02:00:00Z", "the real gap is reported");
        output.Should().Contain("BTCUSDT 1h").And.Contain("1 gap(s)").And.Contain("33 warm-up rows dropped");
    }

    [Fact]
    public async Task A_file_a_feature_list_and_a_json_summary()
    {
        var input = In("input.csv");
        File.Copy(RealFile, input);
        var (code, output, error) = await CliRunner.RunAsync(
            "preprocess", "--data", input, "--features", "close,ema_50,log_return", "--output", In("f.csv"), "--json");

        code.Should().Be(ExitCodes.Ok, error);
        using var summary = JsonDocument.Parse(output);
        var root = summary.RootElement;
        root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).Should().Equal("close", "ema_50", "log_return");
        root.GetProperty("warm_up_rows_dropped").GetInt32().Should().Be(49);
        root.GetProperty("rows").GetInt32().Should().Be(1000 - 49);
        root.GetProperty("interval").GetString().Should().Be("1h");
        root.GetProperty("missing_candles").GetInt32().Should().Be(1);
        File.ReadAllLines(In("f.csv")).Should().HaveCount(1 + 1000 - 49);
    }

    [Fact]
    public async Task Resample_and_fill_gaps_change_the_candles()
    {
        var dataDir = DataDir();
        var (code, output, error) = await CliRunner.RunAsync(
            "preprocess", "--data-dir", dataDir, "--resample", "4h", "--features", "close", "--output", In("h4.csv"), "--json");
        code.Should().Be(ExitCodes.Ok, error);
        var lines = File.ReadAllLines(In("h4.csv"));
        var times = lines.Skip(1).Select(l => DateTime.Parse(l.Split(',')[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToArray();
        times.Zip(times.Skip(1)).Should().OnlyContain(p => (p.Second - p.First).TotalHours % 4 == 0);
        times.Length.Should().BeLessThan(1000 / 4 + 1);

        (code, output, error) = await CliRunner.RunAsync("preprocess", "--data-dir", dataDir, "--fill-gaps", "--features", "close", "--json");
        code.Should().Be(ExitCodes.Ok, error);
        using var summary = JsonDocument.Parse(output);
        summary.RootElement.GetProperty("filled_candles").GetInt32().Should().Be(1);
        summary.RootElement.GetProperty("candles").GetInt32().Should().Be(1001);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("BTC$")]
    [InlineData("BTC.USDT")]
    [InlineData("A")]
    [InlineData("BTCUSDT_1h")]
    public async Task Bad_symbols_are_refused_before_any_file_is_touched(string symbol)
    {
        var (code, _, error) = await CliRunner.RunAsync(
            "preprocess", "--symbol", symbol, "--data-dir", In("nowhere"), "--output", In("out.csv"), "--report", In("r.json"));

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("--symbol");
        Written().Should().BeEmpty();
        Directory.Exists(In("nowhere")).Should().BeFalse();
    }

    [Fact]
    public async Task Malformed_data_exits_2_names_the_line_and_leaves_no_output()
    {
        var lines = File.ReadAllLines(RealFile);
        // Line 101 of the file: high below the close.
        var cells = lines[100].Split(',');
        cells[2] = (double.Parse(cells[4], CultureInfo.InvariantCulture) - 50).ToString(CultureInfo.InvariantCulture);
        lines[100] = string.Join(',', cells);
        var input = In("input_bad.csv");
        File.WriteAllLines(input, lines);
        File.WriteAllText(In("out.csv"), "previous run");

        var (code, _, error) = await CliRunner.RunAsync("preprocess", "--data", input, "--output", In("out.csv"), "--report", In("r.json"));

        code.Should().Be(ExitCodes.BadData);
        error.Should().Contain("input_bad.csv:101");
        Written().Should().Equal(["out.csv"], "no report, no temporary file");
        File.ReadAllText(In("out.csv")).Should().Be("previous run", "a failed run does not replace an earlier output");
    }

    [Fact]
    public async Task Too_few_candles_for_the_warm_up_is_bad_data()
    {
        var input = In("input_short.csv");
        File.WriteAllLines(input, File.ReadAllLines(RealFile).Take(21));

        var (code, _, error) = await CliRunner.RunAsync("preprocess", "--data", input, "--output", In("out.csv"));

        code.Should().Be(ExitCodes.BadData);
        error.Should().Contain("too few candles");
        Written().Should().BeEmpty();
    }

    [Fact]
    public async Task Missing_file_is_bad_data_and_unknown_features_are_usage_errors()
    {
        var (code, _, error) = await CliRunner.RunAsync("preprocess", "--symbol", "ETHUSDT", "--data-dir", DataDir(), "--output", In("out.csv"));
        code.Should().Be(ExitCodes.BadData);
        error.Should().Contain("ETHUSDT_1h.csv");

        (code, _, error) = await CliRunner.RunAsync("preprocess", "--data-dir", DataDir(), "--features", "close,moon_phase", "--output", In("out.csv"));
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("moon_phase").And.Contain("ema_N").And.Contain("ohlc13");

        (code, _, error) = await CliRunner.RunAsync("preprocess", "--data-dir", DataDir(), "--output", In("no/such/folder/out.csv"));
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("does not exist");

        (code, _, error) = await CliRunner.RunAsync("preprocess", "--data-dir", DataDir(), "--resample", "90m", "--output", In("out.csv"));
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("90m");

        (code, _, _) = await CliRunner.RunAsync("preprocess", "--data-dir", DataDir(), "--format", "excel");
        code.Should().Be(ExitCodes.Usage);
        Written().Should().BeEmpty();
    }
}
