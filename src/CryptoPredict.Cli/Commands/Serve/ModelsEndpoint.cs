using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoPredict.Core.Artifacts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// <c>GET /v1/models</c>: every bundle in the models folder, with the version served, what it was trained on and how
/// many candles a request must send; a bundle that does not load is listed with its error instead.
/// </summary>
internal sealed class ModelsEndpoint : IServeEndpoint
{
    public void Map(IEndpointRouteBuilder routes, ServeServices services)
    {
        routes.MapGet("/v1/models", ApiJson.Handler(context =>
        {
            var models = services.Bundles.RunNames().Select(name => Describe(name, services.Bundles)).ToArray();
            return ApiJson.WriteAsync(context, StatusCodes.Status200OK, new ModelList(models));
        })).WithSummary("The bundles served: symbol, interval, model, version, trained-on range, test metrics when the bundle has them.")
          .Produces<ModelList>();
    }

    private static ModelEntry Describe(string runName, BundleCache bundles)
    {
        var run = RunName.TryParse(runName, out var parsed) ? parsed : throw new ArgumentException($"'{runName}' is not a run folder name.", nameof(runName));
        try
        {
            var served = bundles.Get(runName);
            if (served is null)
            {
                return new ModelEntry(run.Symbol, run.Interval, run.Model) { Error = "The bundle was removed while listing." };
            }

            var description = served.Bundle.Description;
            return new ModelEntry(run.Symbol, run.Interval, run.Model)
            {
                Version = served.Version,
                CreatedUtc = description.CreatedUtc,
                Features = description.Features,
                Window = description.Window,
                Horizon = description.Horizon,
                Targets = description.Targets,
                TrainedFrom = description.Split.TrainFrom,
                TrainedTo = description.Split.TrainTo,
                DataFrom = description.TrainingData.First,
                DataTo = description.TrainingData.Last,
                MinCandles = served.Candles.Minimum,
                Members = served.Ensemble?.Description.Members.Select(m => $"{m.Model} seed {m.Seed}").ToArray(),
                Optional = served.Extras.Count == 0 ? null : served.Extras.ToDictionary(StringComparer.Ordinal),
            };
        }
        catch (ModelBundleException e)
        {
            return new ModelEntry(run.Symbol, run.Interval, run.Model) { Error = e.Message };
        }
    }
}

internal sealed record ModelList(IReadOnlyList<ModelEntry> Models);

/// <summary>
/// One served bundle. <see cref="TrainedFrom"/>/<see cref="TrainedTo"/> bound the training part the weights and
/// scalers were fitted on (open times of the last input candle of its first and last sample); <see cref="DataFrom"/>
/// and <see cref="DataTo"/> the whole candle file. <see cref="MinCandles"/> is the fewest candles a predict request
/// may send (window plus feature warm-up), null when it depends on extra columns.
/// </summary>
internal sealed record ModelEntry(string Symbol, string Interval, string Model)
{
    public string? Version { get; init; }

    public DateTime? CreatedUtc { get; init; }

    public string? Features { get; init; }

    public int? Window { get; init; }

    public int? Horizon { get; init; }

    public IReadOnlyList<string>? Targets { get; init; }

    public DateTime? TrainedFrom { get; init; }

    public DateTime? TrainedTo { get; init; }

    public DateTime? DataFrom { get; init; }

    public DateTime? DataTo { get; init; }

    public int? MinCandles { get; init; }

    /// <summary>An ensemble's members (<c>lstm seed 42</c>); null for a single model.</summary>
    public IReadOnlyList<string>? Members { get; init; }

    /// <summary>Why the bundle could not be loaded (the other fields are then null); null when it is served.</summary>
    public string? Error { get; init; }

    /// <summary><c>test_metrics</c> and <c>source_interval</c> as model.json has them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Optional { get; init; }
}
