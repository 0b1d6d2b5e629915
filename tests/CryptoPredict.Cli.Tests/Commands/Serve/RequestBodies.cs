using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>Predict request bodies built from the lines of a candle CSV (timestamp,open,high,low,close,volume).</summary>
internal static class RequestBodies
{
    public static JsonObject Candle(string csvLine)
    {
        var f = csvLine.Split(',');
        return new JsonObject
        {
            ["timestamp"] = f[0],
            ["open"] = Number(f[1]),
            ["high"] = Number(f[2]),
            ["low"] = Number(f[3]),
            ["close"] = Number(f[4]),
            ["volume"] = Number(f[5]),
        };
    }

    public static JsonObject Predict(string model, IEnumerable<string> csvLines, string symbol = "BTCUSDT", string interval = "1h")
    {
        var candles = new JsonArray();
        foreach (var line in csvLines)
        {
            candles.Add(Candle(line));
        }

        return new JsonObject { ["symbol"] = symbol, ["interval"] = interval, ["model"] = model, ["candles"] = candles };
    }

    /// <summary>The same candles as a CSV file, for the predict verb.</summary>
    public static string Csv(IEnumerable<string> csvLines) => new StringBuilder("timestamp,open,high,low,close,volume\n").AppendJoin('\n', csvLines).Append('\n').ToString();

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
