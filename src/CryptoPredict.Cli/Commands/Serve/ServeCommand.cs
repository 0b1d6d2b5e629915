using System.CommandLine;
using System.Globalization;
using CryptoPredict.Core.Runtime;
using Serilog;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// <c>serve</c>: forecasts over HTTP from the bundles of a models folder (see README, "serve"). Loopback only unless
/// an API key is set; runs until SIGTERM or Ctrl+C, then lets in-flight requests finish and exits 0.
/// </summary>
public static class ServeCommand
{
    public const string ApiKeyVariable = "CRYPTOPREDICT_API_KEY";
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var modelsDir = CommonOptions.ModelsDir();
        var dataDir = CommonOptions.DataDir();
        dataDir.Description = "Folder of candle files SYMBOL_INTERVAL.csv, for requests that send no candles (default: data/ of the project folder).";
        var urls = new Option<string>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';' (default {DefaultUrl}). Anything but loopback needs an API key.",
            DefaultValueFactory = _ => DefaultUrl,
        };
        var apiKey = new Option<string?>("--api-key") { Description = $"Key every request but GET /health must send in X-API-Key (default: env {ApiKeyVariable})." };
        var maxBody = new Option<long>("--max-body-bytes")
        {
            Description = "Largest request body accepted; larger ones are answered 413 (default 1 MiB).",
            DefaultValueFactory = _ => ServeOptions.DefaultMaxBodyBytes,
        };
        var maxInference = new Option<int>("--max-concurrent-inference")
        {
            Description = "Inference threads, each running one forecast at a time (default: 2, or 1 on a single core).",
            DefaultValueFactory = _ => ServeOptions.DefaultInferenceThreads,
        };
        var maxQueued = new Option<int?>("--max-queued-inference")
        {
            Description = $"Forecasts that may wait for a thread before requests are answered 503 (default {ServeOptions.DefaultQueuePerWorker} per thread).",
        };
        var device = VerbSupport.Device();
        var engine = InferenceEngineOption.Create();
        var command = new Command("serve", "Serve forecasts over HTTP (JSON): /v1/predict, /v1/models, /health, /ready, /metrics, /openapi/v1.json.")
        {
            modelsDir, dataDir, urls, apiKey, maxBody, maxInference, maxQueued, device, engine,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = Read(
                parse.GetValue(modelsDir)!, parse.GetValue(dataDir)!, parse.GetValue(urls)!,
                parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable),
                parse.GetValue(maxBody), parse.GetValue(maxInference), parse.GetValue(maxQueued), parse.GetValue(CliApplication.Threads), parse.GetValue(device)!,
                parse.GetValue(engine)!);
            return await RunAsync(options, cancellationToken);
        });
        return command;
    }

    /// <summary>The checked options; every problem is a usage error (exit 1) naming the option.</summary>
    internal static ServeOptions Read(
        string modelsDir, string dataDir, string urls, string? apiKey, long maxBodyBytes, int maxInference, int? maxQueued, int? threads, string device, string engine = InferenceEngineOption.LibTorch)
    {
        var addresses = new List<ListenAddress>();
        foreach (var text in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ListenAddress.TryParse(text, out var address, out var problem))
            {
                Fail(problem);
            }

            addresses.Add(address);
        }

        if (addresses.Count == 0)
        {
            Fail($"--urls '{urls}' names no address: use http://HOST:PORT, such as {DefaultUrl}.");
        }

        if (apiKey is { Length: 0 })
        {
            Fail($"--api-key (or {ApiKeyVariable}) is empty: give a key, or leave both unset to serve on loopback without one.");
        }

        if (apiKey is null && addresses.FirstOrDefault(a => !a.IsLoopback) is { } exposed)
        {
            Fail($"--urls {exposed.Url} is reachable from other machines, and no API key is set: pass --api-key KEY (or set {ApiKeyVariable}), " +
                $"or listen on loopback only, such as {DefaultUrl}.");
        }

        if (maxBodyBytes < 1024)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"--max-body-bytes {maxBodyBytes}: use at least 1024 bytes."));
        }

        if (maxInference < 1)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"--max-concurrent-inference {maxInference}: use at least 1."));
        }

        if (maxQueued is < 1)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"--max-queued-inference {maxQueued}: use at least 1."));
        }

        var onnx = InferenceEngineOption.IsOnnx(engine) ?? throw new Failures.CommandFailureException(ExitCodes.Usage, InferenceEngineOption.Problem(engine));
        return new ServeOptions
        {
            ModelsDir = modelsDir,
            DataDir = dataDir,
            Urls = addresses,
            ApiKey = apiKey,
            MaxBodyBytes = maxBodyBytes,
            MaxConcurrentInference = maxInference,
            MaxQueuedInference = maxQueued ?? (maxInference * ServeOptions.DefaultQueuePerWorker),
            // The inference threads share the cores: libtorch's intra-op pool of each gets its share, or --threads.
            ThreadsPerInference = threads ?? Math.Max(1, Environment.ProcessorCount / maxInference),
            Device = device,
            OnnxEngine = onnx,
        };
    }

    internal static async Task<int> RunAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        ServeHost host;
        try
        {
            host = await ServeHost.StartAsync(options, Log.Logger, cancellationToken);
        }
        catch (IOException e)
        {
            // Kestrel's "address already in use" and the like: the address asked for cannot be served.
            return VerbSupport.Fail(TextWriter.Null, ExitCodes.Usage, $"--urls {string.Join(";", options.Urls.Select(u => u.Url))}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }

        await using (host)
        {
            Log.Information("serving {Models} on {Addresses} ({Threads} inference threads on {Engine}, API key {Key}); Ctrl+C or SIGTERM stops",
                options.ModelsDir, string.Join(" ", host.Addresses), options.MaxConcurrentInference,
                options.OnnxEngine ? "onnxruntime cpu" : "libtorch " + options.Device, options.ApiKey is null ? "off" : "required");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Log.Information("stopping: letting in-flight requests finish");
            }

            await host.StopAsync(CancellationToken.None);
        }

        Log.Information("stopped");
        return ExitCodes.Ok;
    }

    private static void Fail(string message) => VerbSupport.Fail(TextWriter.Null, ExitCodes.Usage, message);
}
