using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>Answers in the CLI's JSON (snake_case, <see cref="CliJson.Options"/>), so an answer equals what the matching verb prints with --json.</summary>
internal static class ApiJson
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// A handler as a plain delegate, so minimal APIs treat it as a route handler (whose builder takes the OpenAPI
    /// metadata) rather than as a bare RequestDelegate.
    /// </summary>
    public static Delegate Handler(Func<HttpContext, Task> handler) => handler;

    public static Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, CliJson.Options), context.RequestAborted);
    }
}
