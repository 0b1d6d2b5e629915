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
