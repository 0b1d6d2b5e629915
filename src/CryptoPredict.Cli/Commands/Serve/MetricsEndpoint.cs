using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary><c>GET /metrics</c>: the server's metrics in Prometheus' text format.</summary>
internal sealed class MetricsEndpoint : IServeEndpoint
{
    public void Map(IEndpointRouteBuilder routes, ServeServices services)
    {
        routes.MapGet("/metrics", ApiJson.Handler(async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await services.Metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        })).WithSummary("Request counts and latencies per endpoint and model, bundle load times, the inference queue (Prometheus text).")
          .Produces(StatusCodes.Status200OK, contentType: "text/plain");
    }
}
