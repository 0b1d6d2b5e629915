using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>
/// Any coarser interval, one way: train, evaluate and predict at 4h when the data folder only has 1h candles, the same
/// forecast as from a file of 4h candles, and the combinations that cannot work.
/// </summary>
public sealed class IntervalResamplingTests(ResampledBundle bundle) : IClassFixture<ResampledBundle>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-interval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DateTime Time(string line) =>
        DateTime.Parse(line.Split(',')[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static async Task<JsonElement> Json(string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync([.. args, "--json"]);
        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    [Fact]
    public void Train_at_4h_from_1h_candles_logs_the_resampling_and_records_the_source_and_test_metrics()
    {
        var train = bundle.Train;
        train.GetProperty("interval").GetString().Should().Be("4h");
        var source = train.GetProperty("source");
        source.GetProperty("file").GetString().Should().Be(bundle.HourlyFile);
        source.GetProperty("interval").GetString().Should().Be("1h");
        source.GetProperty("candles").GetInt32().Should().Be(ResampledBundle.HourlyCandles);
        source.GetProperty("resampled").GetBoolean().Should().BeTrue();
        source.GetProperty("partial_buckets_dropped").GetInt32().Should().Be(0, "700 hours from midnight are 175 whole 4h buckets");
        bundle.TrainLog.Should().Contain($"resampled 700 1h candles from {bundle.HourlyFile} to 175 4h candles of BTCUSDT").And.Contain("0 partial buckets dropped");

        var metrics = train.GetProperty("test_metrics");
        metrics.GetProperty("samples").GetInt32().Should().Be(train.GetProperty("test_samples").GetInt32());
        var target = metrics.GetProperty("targets").EnumerateArray().Should().ContainSingle().Subject;
        target.GetProperty("name").GetString().Should().Be("close_h1");
        target.GetProperty("baseline").GetString().Should().Be("persistence");
        target.GetProperty("rmse").GetDouble().Should().BePositive();
        target.GetProperty("baseline_rmse").GetDouble().Should().BePositive();

        var description = ModelBundle.Load(bundle.BundleDir).Description;
        description.Interval.Should().Be("4h");
        description.Source.Should().Be(new CandleSourceDescription("BTCUSDT_1h.csv", "1h", ResampledBundle.HourlyCandles, 0));
        description.TrainingData.Candles.Should().Be(175);
        description.TestMetrics!.Targets.Single().Rmse.Should().Be(target.GetProperty("rmse").GetDouble());
    }

    [Fact]
    public async Task Train_shows_the_resampled_candles_and_test_metrics_in_its_table()
    {
        var args = bundle.Args("train", "--window", "8", "--epochs", "1", "--batch-size", "64", "--checkpoints-dir", Path.Combine(_dir, "checkpoints"));
        args[Array.IndexOf(args, bundle.ModelsDir)] = Path.Combine(_dir, "models");

        var (code, output, error) = await CliRunner.RunAsync(args);

        code.Should().Be(ExitCodes.Ok, error);
        output.Should().Contain("175 4h resampled from 700 1h").And.Contain("test close_h1").And.Contain("persistence");
    }

    [Fact]
    public async Task Evaluate_scores_the_resampled_test_part_as_training_recorded_it()
    {
        var evaluation = await Json(bundle.Args("evaluate"));

        evaluation.GetProperty("interval").GetString().Should().Be("4h");
        evaluation.GetProperty("data").GetString().Should().Be(bundle.HourlyFile);
        var recorded = ModelBundle.Load(bundle.BundleDir).Description.TestMetrics!;
        evaluation.GetProperty("samples").GetInt32().Should().Be(recorded.Samples);
        var model = evaluation.GetProperty("targets").GetProperty("close_h1").GetProperty("model");
        model.GetProperty("rmse").GetDouble().Should().BeApproximately(recorded.Targets[0].Rmse!.Value, 1e-9);
        model.GetProperty("mae").GetDouble().Should().BeApproximately(recorded.Targets[0].Mae!.Value, 1e-9);
    }

    [Fact]
    public async Task Predict_forecasts_the_next_4h_candle_from_the_last_whole_bucket()
    {
        var (code, output, error) = await CliRunner.RunAsync([.. bundle.Args("predict"), "--json"]);

        code.Should().Be(ExitCodes.Ok, error);
        error.Should().Contain("resampled 700 1h candles", "predict says so in the log when it resamples");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("interval").GetString().Should().Be("4h");
        var lastHour = Time(bundle.HourlyLines[^1]);
        root.GetProperty("timestamp").GetDateTime().Should().Be(lastHour.AddHours(-3), "the last 4h bucket opens 3 hours before its last 1h candle");
        root.GetProperty("target_time").GetDateTime().Should().Be(lastHour.AddHours(1));
    }

    [Fact]
    public async Task A_4h_forecast_from_resampled_1h_candles_equals_one_from_a_file_of_the_same_4h_candles()
    {
        var fourHourly = Path.Combine(_dir, "four-hourly.csv");
        var series = CandleFileReader.Read(bundle.HourlyFile).Series.Resample(CandleInterval.FourHours);
        await File.WriteAllLinesAsync(fourHourly, [
            "timestamp,open,high,low,close,volume",
            .. series.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.OpenTime:yyyy-MM-dd'T'HH:mm:ss'Z'},{c.Open:R},{c.High:R},{c.Low:R},{c.Close:R},{c.Volume:R}")),
        ]);

        var resampled = await Json(bundle.Args("predict"));
        var direct = await Json(bundle.Args("predict", "--data", fourHourly));

        direct.GetProperty("timestamp").GetDateTime().Should().Be(resampled.GetProperty("timestamp").GetDateTime());
        direct.GetProperty("last_close").GetDouble().Should().Be(resampled.GetProperty("last_close").GetDouble());
        direct.GetProperty("forecast").GetProperty("close").GetDouble().Should().Be(resampled.GetProperty("forecast").GetProperty("close").GetDouble());

        var fromHourlyData = await Json(bundle.Args("predict", "--data", bundle.HourlyFile));
        fromHourlyData.GetProperty("forecast").GetProperty("close").GetDouble().Should().Be(resampled.GetProperty("forecast").GetProperty("close").GetDouble(),
            "--data with 1h candles is resampled to the model's 4h the same way");
    }

    [Theory]
    [InlineData("1h", "BTCUSDT_4h.csv (4h)")]
    [InlineData("45m", "BTCUSDT_4h.csv (4h)")]
    public async Task An_interval_the_files_cannot_make_exits_2_listing_the_files_of_the_symbol(string interval, string listed)
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        File.Copy(bundle.HourlyFile, Path.Combine(data, "ETHUSDT_1h.csv"));
        var series = CandleFileReader.Read(bundle.HourlyFile).Series.Resample(CandleInterval.FourHours);
        await File.WriteAllLinesAsync(Path.Combine(data, "BTCUSDT_4h.csv"), [
            "timestamp,open,high,low,close,volume",
            .. series.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.OpenTime:yyyy-MM-dd'T'HH:mm:ss'Z'},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}")),
        ]);

        var (code, output, error) = await CliRunner.RunAsync(
            "train", "--interval", interval, "--model", "lstm", "--device", "cpu", "--data-dir", data,
            "--models-dir", Path.Combine(_dir, "models"), "--checkpoints-dir", Path.Combine(_dir, "checkpoints"), "--json");

        code.Should().Be(ExitCodes.BadData);
        error.Should().Contain($"No candles for BTCUSDT {interval}").And.Contain($"it holds {listed}.").And.Contain("whole multiple").And.NotContain("ETHUSDT");
        var json = output.ShouldBeJsonError("bad_data", ExitCodes.BadData);
        json.GetProperty("file").GetString().Should().Be(Path.Combine(data, $"BTCUSDT_{interval}.csv"));
        Directory.Exists(Path.Combine(_dir, "checkpoints")).Should().BeFalse("nothing is written before the candles are read");
    }

    [Fact]
    public async Task A_data_file_coarser_than_the_interval_exits_2_naming_it()
    {
        var (code, _, error) = await CliRunner.RunAsync(
            "train", "--interval", "30m", "--model", "lstm", "--device", "cpu", "--data", bundle.HourlyFile,
            "--models-dir", Path.Combine(_dir, "models"), "--checkpoints-dir", Path.Combine(_dir, "checkpoints"));

        code.Should().Be(ExitCodes.BadData);
        error.Should().StartWith($"{bundle.HourlyFile}: holds 1h candles, which cannot make 30m candles");
    }

    [Fact]
    public async Task A_gap_inside_a_bucket_is_flagged_by_train_and_a_window_across_it_refused_by_predict()
    {
        // The full test file misses one hour on 2020-02-09: its 4h bucket is dropped, leaving a gap in the 4h series.
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        File.Copy(TrainFolders.RealFile, Path.Combine(data, "BTCUSDT_1h.csv"));
        string[] common = ["--interval", "4h", "--model", "lstm", "--device", "cpu", "--data-dir", data, "--models-dir", Path.Combine(_dir, "models")];

        var (code, _, error) = await CliRunner.RunAsync(
            ["train", .. common, "--window", "16", "--epochs", "1", "--batch-size", "64", "--checkpoints-dir", Path.Combine(_dir, "checkpoints")]);

        code.Should().Be(ExitCodes.Ok, error);
        error.Should().Contain("1 4h bucket dropped because 1h candles are missing inside it (the first opens 2020-02-09 00:00 UTC)");
        ModelBundle.Load(Path.Combine(_dir, "models", "BTCUSDT_4h_lstm")).Description.Source!.PartialBucketsDropped.Should().Be(2, "the gap's bucket and the incomplete last one");

        (code, _, error) = await CliRunner.RunAsync(["predict", .. common]);

        code.Should().Be(ExitCodes.BadData);
        error.Should().Contain("(resampled from 1h to 4h)").And.Contain("not contiguous").And.Contain("2020-02-08 20:00");
    }

    [Fact]
    public async Task Preprocess_resamples_a_missing_interval_the_same_way()
    {
        var features = Path.Combine(_dir, "features.csv");

        var (code, output, error) = await CliRunner.RunAsync(
            "preprocess", "--interval", "4h", "--features", "close", "--data-dir", bundle.DataDir, "--output", features, "--json");

        code.Should().Be(ExitCodes.Ok, error);
        var summary = JsonNode.Parse(output)!;
        summary["interval"]!.GetValue<string>().Should().Be("4h");
        summary["candles"]!.GetValue<int>().Should().Be(175);
        error.Should().Contain("resampled 700 1h candles");
    }
}
