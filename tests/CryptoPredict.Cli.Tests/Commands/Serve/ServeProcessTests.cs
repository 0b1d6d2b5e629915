using System.Net;
using System.Net.Sockets;
using System.Diagnostics;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>The real thing: <c>dotnet cryptopredict.dll serve</c> on a free loopback port, stopped by SIGTERM.</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class ServeProcessTests(TrainedBundles bundles)
{
    [Fact]
    public async Task Serve_answers_then_exits_0_on_sigterm()
    {
        var port = FreePort();
        using var process = CliProcess.Start(["serve", "--models-dir", bundles.ModelsDir, "--data-dir", bundles.DataDir, "--device", "cpu", "--urls", $"http://127.0.0.1:{port}"]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitUntilUp(client);

        using var content = new StringContent("""{"symbol":"BTCUSDT","interval":"1h","model":"lstm"}""", System.Text.Encoding.UTF8, "application/json");
        using (var predict = await client.PostAsync(new Uri("/v1/predict", UriKind.Relative), content))
        {
            predict.StatusCode.Should().Be(HttpStatusCode.OK, await predict.Content.ReadAsStringAsync());
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            kill.ExitCode.Should().Be(0);
        }

        var (code, _, error) = await process.WaitAsync(TimeSpan.FromSeconds(30));

        code.Should().Be(ExitCodes.Ok, error);
        error.Should().Contain("stopping").And.Contain("stopped");
    }

    [Fact]
    public async Task Serve_with_the_onnx_engine_answers_as_libtorch_does_without_loading_libtorch()
    {
        string[] models = ["lstm", "bilstm-ohlc"];
        var expected = new Dictionary<string, Dictionary<string, double>>();
        await using (var torch = await ServeTestServer.StartAsync(bundles.ModelsDir, bundles.DataDir))
        {
            foreach (var model in models)
            {
                expected[model] = Forecast(await torch.PostJsonAsync("/v1/predict", Body(model)));
            }
        }

        var port = FreePort();
        // glibc's loader names every shared object it opens on stderr under LD_DEBUG=files.
        using var process = CliProcess.Start(
            ["serve", "--engine", "onnx", "--models-dir", bundles.ModelsDir, "--data-dir", bundles.DataDir, "--urls", $"http://127.0.0.1:{port}"],
            environment: new Dictionary<string, string?> { ["LD_DEBUG"] = "files" });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilUp(client);
        foreach (var model in models)
        {
            using var content = new StringContent(Body(model), System.Text.Encoding.UTF8, "application/json");
            using var predict = await client.PostAsync(new Uri("/v1/predict", UriKind.Relative), content);
            var body = await predict.Content.ReadAsStringAsync();
            predict.StatusCode.Should().Be(HttpStatusCode.OK, body);
            var actual = Forecast(new Answer(predict.StatusCode, body, null, new Dictionary<string, string>()));
            actual.Keys.Should().Equal(expected[model].Keys);
            foreach (var (name, value) in expected[model])
            {
                // float32 networks, the same weights: ONNX Runtime's kernels sum in another order than libtorch's.
                actual[name].Should().BeApproximately(value, 1e-5 * Math.Abs(value), $"{model} {name}");
            }
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var (code, _, error) = await process.WaitAsync(TimeSpan.FromSeconds(30));
        code.Should().Be(ExitCodes.Ok);
        error.Should().Contain("onnxruntime cpu");
        error.Contains("libonnxruntime", StringComparison.Ordinal).Should().BeTrue("ONNX Runtime ran the forecasts");
        error.Contains("libcptorch", StringComparison.Ordinal).Should().BeFalse("the onnx engine never loads libtorch");
    }

    private static string Body(string model) => $$"""{"symbol":"BTCUSDT","interval":"1h","model":"{{model}}"}""";

    private static Dictionary<string, double> Forecast(Answer answer)
    {
        answer.Code.Should().Be(200, answer.Body);
        using var json = System.Text.Json.JsonDocument.Parse(answer.Body);
        return json.RootElement.GetProperty("forecast").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilUp(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "serve starts listening within a minute");
            await Task.Delay(100);
        }
    }
}
