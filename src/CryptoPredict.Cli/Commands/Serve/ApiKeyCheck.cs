using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// With a key set, every request but <c>GET /health</c> must carry it in <c>X-API-Key</c> (401 otherwise). The key
/// and the header are compared as SHA-256 digests in constant time, so neither the key's length nor the position of
/// the first wrong character shows in the response time.
/// </summary>
internal sealed class ApiKeyCheck(string key)
{
    public const string Header = "X-API-Key";
    public const string HealthPath = "/health";

    private readonly byte[] _digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Request.Path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase) || Matches(context.Request.Headers[Header]))
        {
            return next(context);
        }

        var given = context.Request.Headers.ContainsKey(Header) ? $"the {Header} header does not hold the server's key" : $"the {Header} header is missing";
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-API-Key\"";
        return ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, ApiErrorCodes.Unauthorized,
            $"This server needs an API key: {given} (every endpoint but {HealthPath}).");
    }

    private bool Matches(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1 || values[0] is not { } value)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(value)), _digest);
    }
}
