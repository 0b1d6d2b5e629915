using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>GET /health, /ready, /v1/models, /metrics, /openapi/v1.json, and the error shape of unknown routes.</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class ServeEndpointTests(TrainedBundles bundles) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-serve-endpoints-").FullName;
    private ServeTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ServeTestServer.StartAsync(bundles.ModelsDir, bundles.DataDir);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        var answer = await _server.GetAsync("/health");

        answer.Code.Should().Be(200);
        answer.Body.Should().Be("""{"status":"ok"}""");
    }

    [Fact]
    public async Task Ready_when_every_bundle_loads()
    {
        var answer = await _server.GetAsync("/ready");

        answer.Code.Should().Be(200, answer.Body);
        answer.Json().GetProperty("models").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task Not_ready_without_bundles_or_with_one_that_does_not_load()
    {
        var empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);
        await using (var server = await ServeTestServer.StartAsync(empty, bundles.DataDir))
        {
            (await server.GetAsync("/ready")).ShouldBeError(503, "not_ready").Should().Contain("holds no bundle");
            (await server.GetAsync("/health")).Code.Should().Be(200, "alive, if not ready");
        }

        var models = Path.Combine(_dir, "broken");
        var run = bundles.CopyBundle("lstm", models);
        var version = ModelBundle.Load(run).Directory;
        await File.WriteAllBytesAsync(Path.Combine(version, ModelBundle.WeightsFileName), [1, 2, 3]);
        await using (var server = await ServeTestServer.StartAsync(models, bundles.DataDir))
        {
            (await server.GetAsync("/ready")).ShouldBeError(503, "not_ready").Should().Contain("BTCUSDT_1h_lstm").And.Contain("weights.cpt");
            var listed = (await server.GetAsync("/v1/models")).Json().GetProperty("models")[0];
            listed.GetProperty("error").GetString().Should().Contain("weights.cpt");
            var predict = await server.PostJsonAsync("/v1/predict", """{"symbol":"BTCUSDT","interval":"1h","model":"lstm"}""");
            predict.ShouldBeError(500, "model").Should().Contain("weights.cpt", "a broken bundle is the server's fault, said in words");
        }
    }

    [Fact]
    public async Task Models_lists_every_bundle_with_version_and_trained_range()
    {
        var answer = await _server.GetAsync("/v1/models");

        answer.Code.Should().Be(200, answer.Body);
        var models = answer.Json().GetProperty("models").EnumerateArray().ToArray();
        models.Select(m => m.GetProperty("model").GetString()).Should().BeEquivalentTo(["bilstm-ohlc", "cnn-lstm-regime", "lstm", "lstm-attn-vol"]);
        var lstm = models.Single(m => m.GetProperty("model").GetString() == "lstm");
        var bundle = ModelBundle.Load(bundles.BundleDir("lstm"));
        lstm.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
        lstm.GetProperty("interval").GetString().Should().Be("1h");
        lstm.GetProperty("version").GetString().Should().Be(bundle.Version);
        lstm.GetProperty("trained_from").GetDateTime().Should().Be(bundle.Description.Split.TrainFrom);
        lstm.GetProperty("trained_to").GetDateTime().Should().Be(bundle.Description.Split.TrainTo);
        lstm.GetProperty("data_to").GetDateTime().Should().Be(bundle.Description.TrainingData.Last);
        lstm.GetProperty("window").GetInt32().Should().Be(16);
        lstm.GetProperty("min_candles").GetInt32().Should().Be(16);
        lstm.GetProperty("error").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Models_passes_through_test_metrics_when_model_json_has_them()
    {
        var models = Path.Combine(_dir, "metrics");
        var run = bundles.CopyBundle("lstm", models);
        using var description = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(ModelBundle.Load(run).DescriptionPath));
        var recorded = description.RootElement.GetProperty("test_metrics");
        await using var server = await ServeTestServer.StartAsync(models, bundles.DataDir);

        var entry = (await server.GetAsync("/v1/models")).Json().GetProperty("models")[0];

        System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(entry.GetProperty("test_metrics").GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse(recorded.GetRawText())).Should().BeTrue("the metrics are model.json's, as recorded");
        entry.GetProperty("test_metrics").GetProperty("targets")[0].GetProperty("mae").GetDouble().Should().BePositive();
    }

    [Fact]
    public async Task Metrics_count_requests_per_endpoint_and_model_and_time_model_loads()
    {
        (await _server.PostJsonAsync("/v1/predict", """{"symbol":"BTCUSDT","interval":"1h","model":"lstm"}""")).Code.Should().Be(200);
        (await _server.GetAsync("/health")).Code.Should().Be(200);

        var answer = await _server.GetAsync("/metrics");

        answer.Code.Should().Be(200);
        answer.ContentType.Should().Be("text/plain");
        answer.Body.Should().Contain("""cryptopredict_http_requests_total{endpoint="/v1/predict",model="BTCUSDT_1h_lstm",status="200"} 1""");
        answer.Body.Should().Contain("""cryptopredict_http_requests_total{endpoint="/health",model="",status="200"} 1""");
        answer.Body.Should().Contain("""cryptopredict_http_request_duration_seconds_count{endpoint="/v1/predict",model="BTCUSDT_1h_lstm"} 1""");
        answer.Body.Should().Contain("""cryptopredict_model_load_seconds_count{model="BTCUSDT_1h_lstm"} 1""", "loaded once, at start, and cached");
    }

    [Fact]
    public async Task OpenApi_document_describes_every_endpoint()
    {
        var answer = await _server.GetAsync("/openapi/v1.json");

        answer.Code.Should().Be(200, answer.Body);
        var paths = answer.Json().GetProperty("paths");
        foreach (var path in new[] { "/health", "/ready", "/v1/models", "/v1/predict", "/metrics" })
        {
            paths.TryGetProperty(path, out _).Should().BeTrue($"{path} is in the document");
        }

        answer.Body.Should().Contain("predicted_close", "schemas are snake_case, as the answers are");
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_in_the_error_shape()
    {
        (await _server.GetAsync("/v2/nothing")).ShouldBeError(404, "not_found");
        (await _server.GetAsync("/v1/predict")).ShouldBeError(405, "method_not_allowed");
    }
}
