using System.Text.Json;

namespace CryptoPredict.Core.Market.Binance;

/// <summary>Binance's error body, <c>{"code": -1121, "msg": "Invalid symbol."}</c>.</summary>
internal sealed record BinanceError(int Code, string Message)
{
    /// <summary>The code of an unknown symbol.</summary>
    public const int InvalidSymbol = -1121;

    public static BinanceError? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var code) && code.TryGetInt32(out var number)
                && root.TryGetProperty("msg", out var message) && message.ValueKind == JsonValueKind.String
                ? new BinanceError(number, message.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"code {Code}: {Message}";
}
