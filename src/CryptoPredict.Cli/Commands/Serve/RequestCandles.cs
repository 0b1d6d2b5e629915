using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// The <c>candles</c> of a request as a <see cref="CandleSeries"/>. Each candle is an object with <c>timestamp</c>,
/// <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c> and <c>volume</c>; any other numeric field is an extra column
/// (as a candle file's extra columns) and must be in every candle. A value may be a JSON number or a string holding
/// one (exchanges send prices as strings), read as a candle file's field is read: so "NaN" breaks the not-finite
/// rule, "abc" the unparsable-number one, and the timestamp takes every spelling a file may use. The series is
/// built by Core's <see cref="CandleSeriesBuilder"/>, which applies the file rules and names the candle.
/// </summary>
internal static class RequestCandles
{
    public const string ListName = "candles";

    private static readonly string[] Fields = ["timestamp", "open", "high", "low", "close", "volume"];

    public static CandleSeries Read(JsonElement candles, string symbol, CandleInterval interval)
    {
        if (candles.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.Usage($"The field 'candles' must be an array of candle objects, not {RequestFields.KindName(candles)}.");
        }

        var count = candles.GetArrayLength();
        var rows = new Candle[count];
        var extras = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var candle in candles.EnumerateArray())
        {
            rows[index] = ReadCandle(candle, index, extras, count);
            index++;
        }

        try
        {
            return CandleSeriesBuilder.Build(symbol, interval, rows, ListName, extras.Count == 0 ? null : extras);
        }
        catch (CandleDataException e)
        {
            throw ApiException.BadData(e.Message);
        }
    }

    private static Candle ReadCandle(JsonElement candle, int index, Dictionary<string, double[]> extras, int count)
    {
        var at = $"{ListName}[{index}]";
        if (candle.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Usage($"{at} must be an object with {string.Join(", ", Fields)}, not {RequestFields.KindName(candle)}.");
        }

        var values = new double[Fields.Length - 1];
        var time = default(DateTime);
        var found = new bool[Fields.Length];
        var extraNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in candle.EnumerateObject())
        {
            var field = Array.IndexOf(Fields, property.Name);
            if (field == 0)
            {
                time = Timestamp(property.Value, at);
            }
            else if (field > 0)
            {
                values[field - 1] = Number(property.Value, at, property.Name);
            }
            else
            {
                if (!extraNames.Add(property.Name))
                {
                    throw ApiException.Usage($"{at} has the field '{RequestFields.Shorten(property.Name)}' twice.");
                }

                ExtraColumn(extras, property.Name, index, count, at)[index] = Number(property.Value, at, property.Name);
                continue;
            }

            if (found[field])
            {
                throw ApiException.Usage($"{at} has the field '{property.Name}' twice.");
            }

            found[field] = true;
        }

        if (Array.IndexOf(found, false) is var missing and >= 0)
        {
            throw ApiException.Usage($"{at} has no field '{Fields[missing]}'; a candle has {string.Join(", ", Fields)}.");
        }

        if (extraNames.Count != extras.Count)
        {
            var absent = extras.Keys.First(name => !candle.TryGetProperty(name, out _));
            throw ApiException.Usage($"{at} has no field '{absent}', which {ListName}[0] has: an extra column must be in every candle.");
        }

        return new Candle(time, values[0], values[1], values[2], values[3], values[4]);
    }

    /// <summary>The values of an extra column; only the first candle may introduce one.</summary>
    private static double[] ExtraColumn(Dictionary<string, double[]> extras, string name, int index, int count, string at)
    {
        if (extras.TryGetValue(name, out var column))
        {
            return column;
        }

        if (index > 0)
        {
            throw ApiException.Usage($"{at} has the field '{RequestFields.Shorten(name)}', which {ListName}[0] does not: an extra column must be in every candle.");
        }

        column = new double[count];
        extras.Add(name, column);
        return column;
    }

    private static DateTime Timestamp(JsonElement value, string at)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw ApiException.Usage($"{at}.timestamp must be a string or a number, not {RequestFields.KindName(value)}."),
        };
        return CandleTimestamp.TryParse(text, out var time)
            ? time
            : throw ApiException.BadData($"{at}: {CandleDataRule.UnparsableTime}: '{RequestFields.Shorten(text)}' in field 'timestamp' is not a timestamp ({CandleTimestamp.Spellings}).");
    }

    private static double Number(JsonElement value, string at, string field)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!,
            _ => throw ApiException.Usage($"{at}.{RequestFields.Shorten(field)} must be a number (or a string holding one), not {RequestFields.KindName(value)}."),
        };

        // Exactly how a candle file's field is read, so a request and a file holding the same text give the same value.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw ApiException.BadData($"{at}: {CandleDataRule.UnparsableNumber}: '{RequestFields.Shorten(text)}' in field '{RequestFields.Shorten(field)}' is not a number.");
    }
}
