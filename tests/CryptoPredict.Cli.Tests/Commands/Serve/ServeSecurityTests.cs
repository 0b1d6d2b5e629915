using CryptoPredict.Cli.Commands.Serve;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>The API key, and the refusal to listen beyond loopback without one.</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class ServeSecurityTests(TrainedBundles bundles)
{
    private const string Key = "s3cret-key-for-tests";

    [Fact]
    public async Task With_a_key_every_endpoint_but_health_needs_it()
    {
        await using var anonymous = await ServeTestServer.StartAsync(bundles.ModelsDir, bundles.DataDir, o => o with { ApiKey = Key });
        await using var wrong = await ServeTestServer.StartAsync(bundles.ModelsDir, bundles.DataDir, o => o with { ApiKey = Key }, clientKey: Key + "x");
        await using var keyed = await ServeTestServer.StartAsync(bundles.ModelsDir, bundles.DataDir, o => o with { ApiKey = Key }, clientKey: Key);

        (await anonymous.GetAsync("/health")).Code.Should().Be(200);
        foreach (var path in new[] { "/ready", "/v1/models", "/metrics", "/openapi/v1.json", "/nothing" })
        {
            (await anonymous.GetAsync(path)).ShouldBeError(401, "unauthorized").Should().Contain("missing");
            (await wrong.GetAsync(path)).ShouldBeError(401, "unauthorized").Should().Contain("does not hold");
        }

        (await anonymous.PostJsonAsync("/v1/predict", """{"symbol":"BTCUSDT","interval":"1h","model":"lstm"}""")).ShouldBeError(401, "unauthorized");
        (await keyed.GetAsync("/v1/models")).Code.Should().Be(200);
        (await keyed.PostJsonAsync("/v1/predict", """{"symbol":"BTCUSDT","interval":"1h","model":"lstm"}""")).Code.Should().Be(200);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://192.168.1.20:8080")]
    [InlineData("http://example.org:8080")]
    [InlineData("http://127.0.0.1:8080;http://10.0.0.5:8080")]
    public async Task A_non_loopback_address_without_a_key_is_refused_at_start(string urls)
    {
        var (code, _, error) = await CliRunner.RunAsync("serve", "--models-dir", bundles.ModelsDir, "--urls", urls);

        code.Should().Be(ExitCodes.Usage, error);
        error.Trim().Split('\n').Should().ContainSingle("one line, no stack trace");
        error.Should().Contain("is reachable from other machines, and no API key is set").And.Contain("--api-key");
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://127.8.9.10:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://192.168.1.20:8080", false)]
    public void Loopback_is_told_apart_from_every_other_address(string url, bool loopback)
    {
        ListenAddress.TryParse(url, out var address, out var problem).Should().BeTrue(problem);
        address.IsLoopback.Should().Be(loopback);
        var options = ServeCommand.Read("models", "data", url, apiKey: "k", 1 << 20, 2, null, null, "cpu");
        options.Urls.Should().ContainSingle();
    }

    [Theory]
    [InlineData("https://127.0.0.1:8080", "plain HTTP")]
    [InlineData("127.0.0.1:8080", "not an address")]
    [InlineData("http://127.0.0.1", "no port")]
    [InlineData("http://127.0.0.1:8080/api", "no path")]
    public async Task An_address_serve_cannot_listen_on_is_a_usage_error(string urls, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("serve", "--models-dir", bundles.ModelsDir, "--urls", urls);

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain(expected);
    }

    [Fact]
    public async Task An_unknown_engine_is_a_usage_error_naming_the_choices()
    {
        var (code, _, error) = await CliRunner.RunAsync("serve", "--models-dir", bundles.ModelsDir, "--engine", "tensorrt");

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("--engine tensorrt").And.Contain("libtorch").And.Contain("onnx");
    }

    [Fact]
    public async Task An_empty_key_is_refused()
    {
        var (code, _, error) = await CliRunner.RunAsync("serve", "--models-dir", bundles.ModelsDir, "--api-key", "");

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("is empty");
    }
}
