using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// One running server: Kestrel with the minimal-API endpoints of <see cref="ServeEndpoints"/>, the bundle cache and
/// the inference threads. <see cref="StartAsync"/> returns once it listens (the addresses bound, port 0 resolved);
/// <see cref="StopAsync"/> lets in-flight requests finish, then the inference threads finish their queue and free
/// their networks.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    /// <summary>Time in-flight requests get to finish on shutdown: inside System.CommandLine's 30 s termination wait.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    private readonly WebApplication _app;
    private readonly InferencePool _pool;
    private bool _stopped;

    private ServeHost(WebApplication app, InferencePool pool, ServeServices services)
    {
        _app = app;
        _pool = pool;
        Services = services;
    }

    public ServeServices Services { get; }

    /// <summary>The addresses Kestrel listens on, as http://HOST:PORT (the real port when 0 was asked for).</summary>
    public IReadOnlyList<string> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    public static async Task<ServeHost> StartAsync(ServeOptions options, Serilog.ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (createEngine, device) = InferenceEngineOption.Factory(options.OnnxEngine, options.Device, options.ThreadsPerInference);
        var metrics = new ServeMetrics();
        var pool = new InferencePool(options.MaxConcurrentInference, options.MaxQueuedInference, options.ThreadsPerInference,
            createEngine, device, metrics, configureLibTorch: !options.OnnxEngine);
        try
        {
            await pool.Started.WaitAsync(cancellationToken);
            var services = new ServeServices(options, new BundleCache(options.ModelsDir, metrics), pool, metrics);
            var app = Build(options, services, logger);
            Preload(services.Bundles, logger);
            await app.StartAsync(cancellationToken);
            return new ServeHost(app, pool, services);
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _app.StopAsync(cancellationToken);
        _pool.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static WebApplication Build(ServeOptions options, ServeServices services, Serilog.ILogger logger)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new SerilogLoggerProvider(logger));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);

        // System.CommandLine owns SIGTERM and Ctrl+C and cancels the verb, which stops the host: one path for both.
        builder.Services.AddSingleton<IHostLifetime, VerbLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = CliJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.Encoder = CliJson.Options.Encoder;
        });
        builder.Services.AddOpenApi();
        builder.WebHost.UseUrls([.. options.Urls.Select(u => u.Url)]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });

        var app = builder.Build();
        app.UseStatusCodePages(async pages =>
        {
            var (code, message) = ApiErrors.ForStatus(pages.HttpContext.Response.StatusCode, pages.HttpContext.Request);
            await ApiErrors.WriteAsync(pages.HttpContext, pages.HttpContext.Response.StatusCode, code, message);
        });
        app.Use((context, next) => RequestGuard.InvokeAsync(context, next, services.Metrics));
        app.UseRouting();
        if (options.ApiKey is { } key)
        {
            var check = new ApiKeyCheck(key);
            app.Use(check.InvokeAsync);
        }

        app.MapOpenApi();
        foreach (var endpoint in ServeEndpoints.All)
        {
            endpoint.Map(app, services);
        }

        return app;
    }

    /// <summary>Loads every bundle before the first request, so it is answered at full speed and a broken bundle is logged at start.</summary>
    private static void Preload(BundleCache bundles, Serilog.ILogger logger)
    {
        var runs = bundles.RunNames();
        foreach (var run in runs)
        {
            try
            {
                bundles.Get(run);
            }
            catch (ModelBundleException e)
            {
                logger.Warning("{Run} is not served until it is fixed: {Message}", run, e.Message);
            }
        }

        if (runs.Count == 0)
        {
            logger.Warning("{Folder} holds no bundle yet; /ready answers 503 until one is published", bundles.ModelsDir);
        }
    }

    /// <summary>A host lifetime that registers no signal handlers: the verb's cancellation stops the host.</summary>
    private sealed class VerbLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
