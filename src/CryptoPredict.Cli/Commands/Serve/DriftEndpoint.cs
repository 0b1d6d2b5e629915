using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Drift;
using CryptoPredict.Core.Prediction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// <c>POST /v1/drift</c>: the model's inputs on the candles sent (or on the data folder's file) against the training
/// reference the bundle stores, as the object <c>drift --json</c> prints (Core's <see cref="DriftCheck"/>; no network
/// runs, so it does not queue for the inference threads). A request is answered 200 whether or not it drifted:
/// <c>drifted</c> and <c>max_psi</c> say which.
/// </summary>
internal sealed class DriftEndpoint : IServeEndpoint
{
    private static readonly string[] Fields = ["symbol", "interval", "model", "candles", "psi_threshold"];

    public void Map(IEndpointRouteBuilder routes, ServeServices services)
    {
        routes.MapPost("/v1/drift", ApiJson.Handler(context => HandleAsync(context, services)))
            .WithSummary("PSI, Kolmogorov-Smirnov and Jensen-Shannon of every model input on the candles sent (or the data folder's file) against its training part.")
            .Accepts<DriftBody>("application/json")
            .Produces<DriftSummary>()
            .Produces<ApiErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ApiErrorBody>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiErrorBody>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ApiErrorBody>(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task HandleAsync(HttpContext context, ServeServices services)
    {
        using var document = await JsonRequestBody.ReadObjectAsync(context.Request, services.Options.MaxBodyBytes);
        var body = document.RootElement;
        RequestFields.RequireOnly(body, "A drift request", Fields);
        var selection = ModelSelection.Read(body);
        var threshold = RequestFields.OptionalNumber(body, "psi_threshold") ?? DriftCheck.DefaultPsiThreshold;
        if (!(threshold > 0) || !double.IsFinite(threshold))
        {
            throw ApiException.Usage(string.Create(CultureInfo.InvariantCulture, $"psi_threshold {threshold}: use a finite number above 0, such as 0.2."));
        }

        var served = services.Bundles.Get(selection.Symbol, selection.Interval, selection.Model)
            ?? throw ApiException.NotFound(
                $"No trained model for {selection.Symbol} {selection.IntervalText} {selection.Model}; GET /v1/models lists the models served.");
        RequestGuard.SetModel(context, served.RunName);
        if (served.Ensemble is not null)
        {
            throw ApiException.Usage($"{served.RunName} is an ensemble; drift compares one model's inputs with its training reference: ask for a member's model.");
        }

        var sent = body.TryGetProperty("candles", out var candles) && candles.ValueKind != JsonValueKind.Null;
        var series = sent
            ? RequestCandles.Read(candles, selection.Symbol, selection.Interval)
            : DataFolderCandles.Read(services.Options.DataDir, selection);
        DriftReport report;
        try
        {
            report = DriftCheck.Run(served.Bundle, series, threshold);
        }
        catch (ForecastDataException e)
        {
            throw ApiException.BadData(e.Message);
        }

        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, DriftSummary.Of(report, sent ? "request" : "data folder", null));
    }
}

/// <summary>The body of <c>POST /v1/drift</c> (for the OpenAPI document).</summary>
internal sealed record DriftBody(string Symbol, string Interval, string Model, IReadOnlyList<CandleBody>? Candles, double? PsiThreshold);
