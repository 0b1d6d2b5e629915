using CryptoPredict.Core.Artifacts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// <c>GET /health</c>: the process answers (no key needed, for a load balancer's probe). <c>GET /ready</c>: the
/// models folder can be read and every bundle in it loads, so a forecast can be served; 503 saying why otherwise.
/// </summary>
internal sealed class HealthEndpoints : IServeEndpoint
{
    public void Map(IEndpointRouteBuilder routes, ServeServices services)
    {
        routes.MapGet("/health", ApiJson.Handler(context => ApiJson.WriteAsync(context, StatusCodes.Status200OK, new HealthStatus("ok"))))
            .WithSummary("Liveness: the server answers.").Produces<HealthStatus>();
        routes.MapGet("/ready", ApiJson.Handler(context => ReadyAsync(context, services)))
            .WithSummary("Readiness: the models folder is readable and every bundle in it loads.")
            .Produces<ReadyStatus>().Produces<ApiErrorBody>(StatusCodes.Status503ServiceUnavailable);
    }

    private static Task ReadyAsync(HttpContext context, ServeServices services)
    {
        var folder = services.Bundles.ModelsDir;
        IReadOnlyList<string> runs;
        try
        {
            runs = services.Bundles.RunNames();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return NotReady(context, $"The models folder '{folder}' cannot be read: {e.Message}");
        }

        if (runs.Count == 0)
        {
            return NotReady(context, $"The models folder '{folder}' holds no bundle; train one with: cryptopredict train --symbol BTCUSDT --interval 1h");
        }

        var broken = new List<string>();
        foreach (var run in runs)
        {
            try
            {
                services.Bundles.Get(run);
            }
            catch (ModelBundleException e)
            {
                broken.Add($"{run}: {e.Message}");
            }
        }

        return broken.Count == 0
            ? ApiJson.WriteAsync(context, StatusCodes.Status200OK, new ReadyStatus("ready", runs.Count))
            : NotReady(context, $"{broken.Count} of {runs.Count} bundles do not load: {string.Join(" ", broken)}");
    }

    private static Task NotReady(HttpContext context, string message) =>
        ApiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.NotReady, message);
}

internal sealed record HealthStatus(string Status);

internal sealed record ReadyStatus(string Status, int Models);
