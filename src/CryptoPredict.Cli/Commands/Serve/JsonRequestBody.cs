using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// Reads a request body as one JSON object, refusing before parsing what must not be parsed: a content type other
/// than JSON (415), a body over the limit (413, counted while reading, so a chunked body without a length is held to
/// it too), an empty body, text that is not UTF-8 JSON or nests deeper than <see cref="MaxDepth"/> (400).
/// </summary>
internal static class JsonRequestBody
{
    /// <summary>A predict request nests three levels (object, candles array, candle); anything far deeper is hostile.</summary>
    public const int MaxDepth = 16;

    public static async Task<JsonDocument> ReadObjectAsync(HttpRequest request, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckContentType(request.ContentType);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var bytes = await ReadBoundedAsync(request, maxBytes);
        if (bytes.Length == 0)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ApiErrorCodes.MalformedJson, "The request body is empty; send a JSON object.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ApiErrorCodes.MalformedJson, "The body is not valid UTF-8; send UTF-8 JSON.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            // The parser's message names the line and byte; invalid UTF-8 and too deep nesting come this way too.
            throw new ApiException(StatusCodes.Status400BadRequest, ApiErrorCodes.MalformedJson, $"The body is not valid JSON: {e.Message}");
        }

        if (FirstUndecodableString(document.RootElement) is { } path)
        {
            document.Dispose();
            throw new ApiException(StatusCodes.Status400BadRequest, ApiErrorCodes.MalformedJson,
                $"The body is not valid JSON text: the string at {path} holds an escape that is not a character (a lone UTF-16 surrogate).");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind.ToString().ToLowerInvariant();
            document.Dispose();
            throw ApiException.Usage($"The body must be a JSON object, not {(kind == "array" ? "an" : "a")} {kind}.");
        }

        return document;
    }

    /// <summary>
    /// The path of the first string or name that cannot become a .NET string (<c>"\uD800"</c> parses, but reading it
    /// throws), so the handlers can read every string freely. The depth is bounded by <see cref="MaxDepth"/>.
    /// </summary>
    private static string? FirstUndecodableString(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUndecodableString(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name = "";
                    if (!Decodes(() => name = property.Name))
                    {
                        return path + ".(a field name)";
                    }

                    if (FirstUndecodableString(property.Value, $"{path}.{RequestFields.Shorten(name)}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void CheckContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type
            || !(type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType,
                $"Content-Type '{contentType}' is not JSON; send the body as Content-Type: application/json.");
        }

        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType,
                $"charset '{media.Charset}' is not supported; send UTF-8 JSON.");
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpRequest request, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static ApiException TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"The request body is over the limit of {maxBytes} bytes (--max-body-bytes)."));
}
