using System.Diagnostics;
using CryptoPredict.Core.Failures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serilog;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// The outermost step of every request: answers whatever a handler throws with the error shape (a refused request
/// with its own status, Core's failures through <see cref="FailureClassifier"/>, a defect as 500 with its stack trace
/// in the log file only), and counts the request in the metrics by endpoint and model.
/// </summary>
internal static class RequestGuard
{
    private const string ModelItem = "cryptopredict.model";
    private const string Unmatched = "unmatched";

    /// <summary>Labels the request's metrics with the run it was served from (only served runs: the label set stays small).</summary>
    public static void SetModel(HttpContext context, string runName) => context.Items[ModelItem] = runName;

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ServeMetrics metrics)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await next(context);
        }
        catch (ApiException e)
        {
            await AnswerAsync(context, e.Status, e.Code, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusals while the body is read (too large, cut short).
            var (code, message) = ApiErrors.ForStatus(e.StatusCode, context.Request);
            await AnswerAsync(context, e.StatusCode, code, message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is no one to answer.
        }
#pragma warning disable CA1031 // the last line of defence: every exception becomes an answer in the error shape
        catch (Exception e)
#pragma warning restore CA1031
        {
            var failure = FailureClassifier.Classify(e);
            if (failure.Kind == FailureKind.Internal)
            {
                Log.ForContext(Logging.FileOnlyProperty, true).Error(e, "internal error answering {Method} {Path}", context.Request.Method, context.Request.Path);
                Log.Error("internal error answering {Method} {Path}: {Message}", context.Request.Method, context.Request.Path, e.Message);
            }

            await AnswerAsync(context, ApiErrors.StatusOf(failure.Kind), failure.Code, failure.Message);
        }
        finally
        {
            var endpoint = context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? pattern : Unmatched;
            var model = context.Items.TryGetValue(ModelItem, out var run) && run is string name ? name : ServeMetrics.NoModel;
            metrics.Request(endpoint, model, context.Response.StatusCode, watch.Elapsed);
        }
    }

    private static Task AnswerAsync(HttpContext context, int status, string code, string message)
    {
        if (context.Response.HasStarted)
        {
            // Part of an answer is out; the only honest end is to cut the connection.
            context.Abort();
            return Task.CompletedTask;
        }

        return ApiErrors.WriteAsync(context, status, code, message);
    }
}
