using System.Globalization;

namespace CryptoPredict.Core.Market.Fetch;

/// <summary>
/// Candles as rows of the project's native layout, spelled as the bundled files spell them: ISO-8601 UTC open times
/// and the shortest text that reads back as the same number, with <c>.0</c> on whole numbers (<c>55364.0</c>).
/// </summary>
internal static class NativeCandleRows
{
    public const string Header = "timestamp,open,high,low,close,volume";

    public static string Row(Candle candle) =>
        string.Join(',',
            candle.OpenTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Number(candle.Open),
            Number(candle.High),
            Number(candle.Low),
            Number(candle.Close),
            Number(candle.Volume));

    public static string Number(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E') >= 0 ? text : text + ".0";
    }
}
