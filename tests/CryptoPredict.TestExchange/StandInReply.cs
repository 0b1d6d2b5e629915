namespace CryptoPredict.TestExchange;

/// <summary>A scripted answer the stand-in gives instead of klines: a status with a body, or no answer at all.</summary>
public abstract record StandInReply
{
    /// <summary>Answers <paramref name="Status"/> with <paramref name="Body"/> and, when given, <c>Retry-After: seconds</c>.</summary>
    public sealed record Status(int Code, string Body = "", int? RetryAfterSeconds = null) : StandInReply;

    /// <summary>Never answers: the request hangs until the client gives up on it.</summary>
    public sealed record Hang : StandInReply;

    public static StandInReply Throttled(int code = 429, int retryAfterSeconds = 1) =>
        new Status(code, """{"code":-1003,"msg":"Too many requests; current limit of IP is 6000 request weight per 1 MINUTE."}""", retryAfterSeconds);

    public static StandInReply ServerError(int code = 503) => new Status(code, """{"code":-1001,"msg":"Internal error; unable to process your request. Please try again."}""");

    public static StandInReply NoAnswer => new Hang();
}
