using System.Text.Json;
using CryptoPredict.Core.Market;
using CryptoPredict.TestExchange;

namespace CryptoPredict.Cli.Tests.Commands.Batch;

/// <summary>
/// <c>batch --fetch</c> against the in-process Binance stand-in: each unit's candle file is brought up to date before
/// training, once per file; a fetch that fails leaves the file, trains on what is there and sets the exit code.
/// </summary>
public sealed class BatchFetchTests : IAsyncLifetime, IDisposable
{
    private const int Served = 600;
    private readonly BatchFolders _folders = new("cp-batch-fetch-", "BTCUSDT");
    private BinanceStandIn _exchange = null!;

    private string FilePath => Path.Combine(_folders.DataDir, "BTCUSDT_1h.csv");

    public async Task InitializeAsync() =>
        _exchange = await BinanceStandIn.StartAsync(RealCandles.Btc1h.Take(Served), CandleInterval.OneHour, () => TimeProvider.System.GetUtcNow().UtcDateTime);

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Each_candle_file_is_updated_once_before_its_units_train_on_the_new_candles()
    {
        var (code, output, error) = await CliRunner.RunAsync(
            [.. _folders.Args("BTCUSDT", "--fetch", "--base-url", _exchange.BaseAddress.AbsoluteUri).Select(a => a == "1h" ? "1h,2h" : a)]);

        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var fetched = json.RootElement.GetProperty("fetch").EnumerateArray().Should().ContainSingle("the 2h unit is resampled from the same 1h file").Subject;
        fetched.GetProperty("candles_added").GetInt32().Should().Be(Served - BatchFolders.Candles);
        fetched.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        File.ReadAllLines(FilePath).Should().HaveCount(1 + Served);
        var units = BatchFolders.Units(output);
        BatchFolders.Status(units, "BTCUSDT_1h_lstm").Should().Be("trained");
        BatchFolders.Status(units, "BTCUSDT_2h_lstm").Should().Be("trained");
        var trainedOn = JsonDocument.Parse(File.ReadAllText(Core.Artifacts.ModelBundle.Load(Path.Combine(_folders.ModelsDir, "BTCUSDT_1h_lstm")).DescriptionPath));
        trainedOn.RootElement.GetProperty("training_data").GetProperty("candles").GetInt32().Should().Be(Served);
    }

    [Fact]
    public async Task A_failed_fetch_leaves_the_file_trains_on_it_and_exits_with_the_fetch_code()
    {
        var before = File.ReadAllBytes(FilePath);
        _exchange.Always = new StandInReply.Status(400, """{"code":-1121,"msg":"Invalid symbol."}""");

        var (code, output, error) = await CliRunner.RunAsync(_folders.Args("BTCUSDT", "--fetch", "--base-url", _exchange.BaseAddress.AbsoluteUri));

        code.Should().Be(ExitCodes.BadData, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("fetch")[0].GetProperty("error").GetString().Should().Contain("BTCUSDT");
        BatchFolders.Status(BatchFolders.Units(output), "BTCUSDT_1h_lstm").Should().Be("trained");
        File.ReadAllBytes(FilePath).Should().Equal(before);
        error.Should().Contain("could not update the candles of BTCUSDT 1h");
    }

    [Fact]
    public async Task A_base_url_without_fetch_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync(_folders.Args("BTCUSDT", "--base-url", "http://127.0.0.1:1"));

        code.Should().Be(ExitCodes.Usage, error);
        error.Should().Contain("--base-url only applies with --fetch");
    }
}
