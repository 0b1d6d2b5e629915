using System.Net;
using System.Text;
using System.Text.Json;
using CryptoPredict.Cli.Commands.Serve;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>
/// A real server (Kestrel on a free loopback port) started in the test process, with a client for it. Real sockets
/// rather than an in-memory test server: what is tested is what a client meets, limits and status pages included.
/// </summary>
internal sealed class ServeTestServer : IAsyncDisposable
{
    private ServeTestServer(ServeHost host, string apiKey)
    {
        Host = host;
        Client = new HttpClient { BaseAddress = new Uri(host.Addresses[0]), Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey.Length > 0)
        {
            Client.DefaultRequestHeaders.Add(ApiKeyCheck.Header, apiKey);
        }
    }

    public ServeHost Host { get; }

    public HttpClient Client { get; }

    public static async Task<ServeTestServer> StartAsync(string modelsDir, string dataDir, Func<ServeOptions, ServeOptions>? configure = null, string clientKey = "")
    {
        ListenAddress.TryParse("http://127.0.0.1:0", out var address, out _).Should().BeTrue();
        var options = new ServeOptions
        {
            ModelsDir = modelsDir,
            DataDir = dataDir,
            Urls = [address],
            Device = "cpu",
            MaxConcurrentInference = 2,
            ThreadsPerInference = 1,
        };
        var host = await ServeHost.StartAsync(configure?.Invoke(options) ?? options, Serilog.Core.Logger.None, CancellationToken.None);
        return new ServeTestServer(host, clientKey);
    }

    public async Task<Answer> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return await Answer.OfAsync(response);
    }

    public Task<Answer> PostJsonAsync(string path, string json) => PostAsync(path, Encoding.UTF8.GetBytes(json), "application/json");

    public async Task<Answer> PostAsync(string path, byte[] body, string? contentType)
    {
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        // A body the server refuses by its length is answered before it is read; asking first (as curl does for
        // large bodies) lets the client read that answer instead of failing on a closed connection mid-upload.
        request.Headers.ExpectContinue = body.Length > 64 * 1024;
        using var response = await Client.SendAsync(request);
        return await Answer.OfAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>One HTTP answer, read whole.</summary>
internal sealed record Answer(HttpStatusCode Status, string Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public int Code => (int)Status;

    public static async Task<Answer> OfAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType, headers);
    }

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    /// <summary>Checks the error shape {"error": {"code", "message"}} and the status; returns the message.</summary>
    public string ShouldBeError(int status, string code)
    {
        Code.Should().Be(status, Body);
        ContentType.Should().Be("application/json");
        var error = Json().GetProperty("error");
        error.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["code", "message"]);
        error.GetProperty("code").GetString().Should().Be(code, Body);
        var message = error.GetProperty("message").GetString();
        message.Should().NotBeNullOrWhiteSpace();
        message.Should().NotContain("   at ", "no stack trace reaches a client");
        return message!;
    }
}
