using Microsoft.AspNetCore.Routing;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// One endpoint (or a pair that belong together) of <c>serve</c>, in a file of its own; <see cref="ServeEndpoints.All"/>
/// lists them. A handler throws <see cref="ApiException"/> for a refused request, or lets Core's exceptions out:
/// <see cref="RequestGuard"/> answers both with the error shape.
/// </summary>
internal interface IServeEndpoint
{
    void Map(IEndpointRouteBuilder routes, ServeServices services);
}

/// <summary>The route table: adding an endpoint is one file and one line here.</summary>
internal static class ServeEndpoints
{
    public static readonly IServeEndpoint[] All =
    [
        new HealthEndpoints(),
        new ModelsEndpoint(),
        new PredictEndpoint(),
        new DriftEndpoint(),
        new MetricsEndpoint(),
    ];
}
