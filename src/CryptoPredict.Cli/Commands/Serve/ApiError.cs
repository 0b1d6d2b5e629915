using System.Text.Json;
using CryptoPredict.Core.Failures;
using Microsoft.AspNetCore.Http;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>The body of every error answer: <c>{"error": {"code", "message"}}</c>.</summary>
internal sealed record ApiErrorBody(ApiErrorDetail Error);

/// <summary><see cref="Code"/> is one of <see cref="ApiErrorCodes"/> or a Core failure code (usage, bad_data, model, busy).</summary>
internal sealed record ApiErrorDetail(string Code, string Message);

/// <summary>The codes the HTTP layer adds to Core's failure codes.</summary>
internal static class ApiErrorCodes
{
    public const string MalformedJson = "malformed_json";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Unauthorized = "unauthorized";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string NotReady = "not_ready";
}

/// <summary>A request refused with a status and an error body; thrown by the request readers, answered by <see cref="ApiErrors"/>.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public ApiException()
        : this(StatusCodes.Status400BadRequest, "usage", "The request is not valid.")
    {
    }

    public ApiException(string message)
        : this(StatusCodes.Status400BadRequest, "usage", message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Code = "usage";
    }

    public int Status { get; }

    public string Code { get; }

    public static ApiException Usage(string message) => new(StatusCodes.Status400BadRequest, "usage", message);

    public static ApiException BadData(string message) => new(StatusCodes.Status422UnprocessableEntity, "bad_data", message);

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, message);
}

/// <summary>Writes error answers, and maps Core's failures onto statuses.</summary>
internal static class ApiErrors
{
    /// <summary>
    /// The status of a Core failure: what the caller sent is at fault for usage (400) and bad data (422); a bundle or
    /// the engine failing is the server's (500); busy asks to retry (503).
    /// </summary>
    public static int StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.Usage => StatusCodes.Status400BadRequest,
        FailureKind.BadData => StatusCodes.Status422UnprocessableEntity,
        FailureKind.Busy or FailureKind.Cancelled => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new ApiErrorBody(new ApiErrorDetail(code, message)), CliJson.Options), context.RequestAborted);
    }

    public static Task WriteAsync(HttpContext context, ApiException exception) => WriteAsync(context, exception.Status, exception.Code, exception.Message);

    /// <summary>A body-less 4xx that routing or Kestrel produced (unknown path, wrong method), given the error shape.</summary>
    public static (string Code, string Message) ForStatus(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status404NotFound => (ApiErrorCodes.NotFound, $"No endpoint at {request.Method} {request.Path}; see /openapi/v1.json."),
        StatusCodes.Status405MethodNotAllowed => (ApiErrorCodes.MethodNotAllowed, $"{request.Path} does not take {request.Method}; see /openapi/v1.json."),
        StatusCodes.Status413PayloadTooLarge => (ApiErrorCodes.PayloadTooLarge, "The request body is larger than the server accepts (--max-body-bytes)."),
        StatusCodes.Status415UnsupportedMediaType => (ApiErrorCodes.UnsupportedMediaType, "Send the body as Content-Type: application/json."),
        _ => ("usage", $"The request was refused (HTTP {status})."),
    };
}
