using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// <c>POST /v1/predict</c>: the forecast of the latest window, as the object <c>predict --json</c> prints for the same
/// candles. With <c>candles</c> the request's own candles are used; without, the data folder's SYMBOL_INTERVAL.csv.
/// </summary>
internal sealed class PredictEndpoint : IServeEndpoint
{
    private static readonly string[] Fields = ["symbol", "interval", "model", "candles", "threshold"];

    public void Map(IEndpointRouteBuilder routes, ServeServices services)
    {
        routes.MapPost("/v1/predict", ApiJson.Handler(context => HandleAsync(context, services)))
            .WithSummary("Forecast from the latest window of the candles sent (or of the data folder's file), with a BUY/SELL/HOLD signal.")
            .Accepts<PredictBody>("application/json")
            .Produces<PredictSummary>()
            .Produces<ApiErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ApiErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ApiErrorBody>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiErrorBody>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<ApiErrorBody>(StatusCodes.Status422UnprocessableEntity)
            .Produces<ApiErrorBody>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task HandleAsync(HttpContext context, ServeServices services)
    {
        using var document = await JsonRequestBody.ReadObjectAsync(context.Request, services.Options.MaxBodyBytes);
        var body = document.RootElement;
        RequestFields.RequireOnly(body, "A predict request", Fields);
        var selection = ModelSelection.Read(body);
        var threshold = RequestFields.OptionalNumber(body, "threshold") ?? Predictor.DefaultThreshold;
        if (!(threshold >= 0) || !double.IsFinite(threshold))
        {
            throw ApiException.Usage(string.Create(CultureInfo.InvariantCulture, $"threshold {threshold}: use a finite fraction >= 0, such as 0.002 for 0.2%."));
        }

        var served = services.Bundles.Get(selection.Symbol, selection.Interval, selection.Model)
            ?? throw ApiException.NotFound(
                $"No trained model for {selection.Symbol} {selection.IntervalText} {selection.Model}; GET /v1/models lists the models served. " +
                $"Create it with: cryptopredict train --symbol {selection.Symbol} --interval {selection.IntervalText} --model {selection.Model}");
        RequestGuard.SetModel(context, served.RunName);

        var series = body.TryGetProperty("candles", out var candles) && candles.ValueKind != JsonValueKind.Null
            ? RequestSeries(candles, selection, served)
            : DataFolderCandles.Read(services.Options.DataDir, selection);

        if (!services.Inference.TryRun(served, engine => Forecast(engine, series, threshold), out var forecast))
        {
            context.Response.Headers.RetryAfter = "1";
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, "busy",
                "Every inference thread is busy and the queue is full (--max-concurrent-inference); retry in a second.");
        }

        object summary;
        try
        {
            summary = await forecast;
        }
        catch (Exception e) when (Commands.ForecastFailures.Handles(e))
        {
            // As predict says of its file: the candles cannot feed the model (a gap in the window, undefined features).
            throw ApiException.BadData(e is ArgumentException argument ? Core.Runtime.Engine.WithoutParameterName(argument) : e.Message);
        }

        await ApiJson.WriteAsync(context, StatusCodes.Status200OK, summary);
    }

    /// <summary>The object predict --json prints: a single model's forecast, or an ensemble's mean, spread and members.</summary>
    private static object Forecast(ServedEngine engine, CandleSeries series, double threshold) =>
        engine.Ensemble is { } ensemble
            ? EnsemblePredictSummary.Of(ensemble.Ensemble, ensemble.PredictLatest(series, threshold))
            : PredictSummary.Of(Predictor.PredictLatest(engine.Single!, series, threshold));

    /// <summary>The request's candles, checked to carry the columns the model reads and enough of them for its window.</summary>
    private static CandleSeries RequestSeries(JsonElement candles, ModelSelection selection, ServedBundle served)
    {
        var series = RequestCandles.Read(candles, selection.Symbol, selection.Interval);
        foreach (var network in served.Networks)
        {
            var description = network.Description;
            var columns = FeatureSet.Parse(description.Features).ColumnNames(series);
            if (!columns.SequenceEqual(description.FeatureColumns, StringComparer.Ordinal))
            {
                throw ApiException.BadData(
                    $"The candles give feature columns [{string.Join(", ", columns)}] but {served.RunName} was trained on " +
                    $"[{string.Join(", ", description.FeatureColumns)}]: send the extra columns it was trained with as fields of every candle, and no others.");
            }
        }

        if (served.Candles.Minimum is { } minimum && series.Count < minimum)
        {
            throw ApiException.BadData(
                $"Too few candles: {series.Count} sent, {served.RunName} needs at least {minimum} " +
                $"(a window of {served.Candles.Window} candles after {served.Candles.WarmUp} candles of indicator warm-up).");
        }

        return series;
    }
}

/// <summary>The body of <c>POST /v1/predict</c> (for the OpenAPI document; the handler reads the JSON itself to name every fault).</summary>
internal sealed record PredictBody(string Symbol, string Interval, string Model, IReadOnlyList<CandleBody>? Candles, double? Threshold);

/// <summary>One candle of a request: timestamp (ISO-8601 or Unix s/ms/µs), prices and volume as numbers or numeric strings.</summary>
internal sealed record CandleBody(string Timestamp, double Open, double High, double Low, double Close, double Volume);
