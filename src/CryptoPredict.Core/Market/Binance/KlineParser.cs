using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Failures;

namespace CryptoPredict.Core.Market.Binance;

/// <summary>
/// Reads a klines answer: an array of rows, each an array whose first seven fields are open time (ms), open, high,
/// low, close, volume (decimal strings, as Binance sends them; plain numbers are accepted from compatible services)
/// and close time (ms). A row that is not that, or that lies outside the query, is bad data naming the row and field.
/// The candle rules themselves (high above the body and so on) are checked where candles are stored.
/// </summary>
internal static class KlineParser
{
    private static readonly string[] FieldNames = ["open time", "open", "high", "low", "close", "volume", "close time"];

    public static IReadOnlyList<Kline> Parse(string body, KlineQuery query, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw Bad(source, $"the answer is not JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw Bad(source, $"the answer is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not the array of kline rows");
            }

            var rows = new List<Kline>(root.GetArrayLength());
            foreach (var row in root.EnumerateArray())
            {
                var kline = ParseRow(row, rows.Count + 1, source);
                CheckPlace(kline, rows.Count > 0 ? rows[^1].OpenTime : null, rows.Count + 1, query, source);
                rows.Add(kline);
            }

            if (rows.Count > query.Limit)
            {
                throw Bad(source, $"the answer has {rows.Count} rows, more than the limit of {query.Limit} asked for");
            }

            return rows;
        }
    }

    private static Kline ParseRow(JsonElement row, int number, string source)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < FieldNames.Length)
        {
            throw Bad(source, $"row {number} is not an array of at least {FieldNames.Length} fields (open time, open, high, low, close, volume, close time): {Clip(row.GetRawText())}");
        }

        var open = Time(row[0], number, 0, source);
        var values = new double[5];
        for (var f = 1; f <= 5; f++)
        {
            values[f - 1] = Number(row[f], number, f, source);
        }

        var close = Time(row[6], number, 6, source);
        if (close <= open)
        {
            throw Bad(source, $"row {number}: close time {Iso(close)} is not after open time {Iso(open)}");
        }

        return new Kline(new Candle(open, values[0], values[1], values[2], values[3], values[4]), close);
    }

    private static void CheckPlace(Kline kline, DateTime? previous, int number, KlineQuery query, string source)
    {
        if (kline.OpenTime < query.Start || kline.OpenTime > query.End)
        {
            throw Bad(source, $"row {number} opens at {Iso(kline.OpenTime)}, outside the range asked for ({Iso(query.Start)} to {Iso(query.End)})");
        }

        if (previous is { } before && kline.OpenTime <= before)
        {
            throw Bad(source, $"row {number} opens at {Iso(kline.OpenTime)}, not after the row before it ({Iso(before)}); rows must be oldest first");
        }
    }

    private static DateTime Time(JsonElement field, int row, int index, string source)
    {
        if (field.ValueKind == JsonValueKind.Number && field.TryGetInt64(out var ms)
            && ms >= 0 && ms <= (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond)
        {
            return DateTime.UnixEpoch.AddMilliseconds(ms);
        }

        throw Bad(source, $"row {row}: {FieldNames[index]} {Clip(field.GetRawText())} is not a Unix time in milliseconds");
    }

    private static double Number(JsonElement field, int row, int index, string source)
    {
        var parsed = field.ValueKind switch
        {
            JsonValueKind.String => double.TryParse(field.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var text) ? text : (double?)null,
            JsonValueKind.Number => field.GetDouble(),
            _ => null,
        };
        return parsed is { } value && double.IsFinite(value)
            ? value
            : throw Bad(source, $"row {row}: {FieldNames[index]} {Clip(field.GetRawText())} is not a finite number");
    }

    private static RequestException Bad(string source, string problem) =>
        new(FailureKind.BadData, $"{source}: {problem}.");

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "...";

    internal static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
