using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>POST /v1/drift: the same report as <c>drift --json</c>, for candles sent or the data folder's file.</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class ServeDriftTests(TrainedBundles bundles) : IAsyncLifetime, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-serve-drift-").FullName;
    private ServeTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ServeTestServer.StartAsync(bundles.ModelsDir, bundles.DataDir);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Features(JsonElement report) => report.GetProperty("features").GetRawText();

    [Fact]
    public async Task The_data_folders_file_gets_the_report_drift_json_prints()
    {
        var answer = await _server.PostJsonAsync("/v1/drift", """{"symbol":"BTCUSDT","interval":"1h","model":"lstm"}""");

        answer.Code.Should().Be(200, answer.Body);
        var (code, output, error) = await CliRunner.RunAsync("drift", "--model", "lstm", "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, "--json");
        code.Should().BeOneOf([ExitCodes.Ok, ExitCodes.Drifted], error);
        using var cli = JsonDocument.Parse(output);
        var served = answer.Json();
        Features(served).Should().Be(Features(cli.RootElement));
        served.GetProperty("max_psi").GetDouble().Should().Be(cli.RootElement.GetProperty("max_psi").GetDouble());
        served.GetProperty("drifted").GetBoolean().Should().Be(code == ExitCodes.Drifted);
    }

    [Fact]
    public async Task Candles_at_another_price_level_drift_on_the_price_features()
    {
        var scaled = File.ReadAllLines(bundles.WriteScaledHeldOut(Path.Combine(_dir, "scaled.csv"), 3)).Skip(1);
        var body = RequestBodies.Predict("lstm", scaled);
        body["psi_threshold"] = 0.25;

        var answer = await _server.PostJsonAsync("/v1/drift", body.ToJsonString());

        answer.Code.Should().Be(200, answer.Body);
        var report = answer.Json();
        report.GetProperty("drifted").GetBoolean().Should().BeTrue();
        report.GetProperty("psi_threshold").GetDouble().Should().Be(0.25);
        report.GetProperty("data").GetString().Should().Be("request");
        var close = report.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "close");
        close.GetProperty("psi").GetDouble().Should().BeGreaterThan(0.25);
        close.GetProperty("drifted").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"symbol":"BTCUSDT","interval":"1h","model":"lstm","psi_threshold":0}""", 400, "psi_threshold")]
    [InlineData("""{"symbol":"BTCUSDT","interval":"1h","model":"lstm","window":3}""", 400, "window")]
    [InlineData("""{"symbol":"DOGEUSDT","interval":"1h","model":"lstm"}""", 404, "No trained model")]
    [InlineData("""{"symbol":"BTCUSDT","interval":"1h","model":"lstm","candles":[{"timestamp":"2020-01-01T00:00:00Z","open":1,"high":2,"low":0.5,"close":1.5,"volume":3}]}""", 422, "1 candle")]
    public async Task Bad_requests_are_4xx_in_the_error_shape(string json, int status, string words)
    {
        var answer = await _server.PostJsonAsync("/v1/drift", json);

        answer.Code.Should().Be(status, answer.Body);
        answer.Json().GetProperty("error").GetProperty("message").GetString().Should().Contain(words);
    }
}
