using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Indicators;

/// <summary>
/// The BTCUSDT 1h sample (first 10,000 candles) and TA-Lib's golden values for it, read with a minimal CSV
/// reader so these tests do not depend on the Market readers.
/// </summary>
internal static class IndicatorTestData
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Indicators");
    private static readonly Lazy<CandleSeries> LazyCandles = new(() => ReadCandles(Path.Combine(Folder, "BTCUSDT_1h.first10000.csv")));
    private static readonly Lazy<Dictionary<string, double[]>> LazyGolden = new(() => ReadGolden(Path.Combine(Folder, "BTCUSDT_1h.golden.csv")));

    public static CandleSeries Candles => LazyCandles.Value;

    /// <summary>Golden columns by name; NaN where TA-Lib has no value (empty cell).</summary>
    public static IReadOnlyDictionary<string, double[]> Golden => LazyGolden.Value;

    private static CandleSeries ReadCandles(string path)
    {
        var lines = File.ReadAllLines(path);
        lines[0].Should().Be("timestamp,open,high,low,close,volume");
        var n = lines.Length - 1;
        var times = new DateTime[n];
        var columns = new double[5][];
        for (var c = 0; c < 5; c++)
        {
            columns[c] = new double[n];
        }

        for (var i = 0; i < n; i++)
        {
            var fields = lines[i + 1].Split(',');
            times[i] = DateTime.Parse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            for (var c = 0; c < 5; c++)
            {
                columns[c][i] = double.Parse(fields[c + 1], CultureInfo.InvariantCulture);
            }
        }

        return new CandleSeries("BTCUSDT", CandleInterval.OneHour, times, columns[0], columns[1], columns[2], columns[3], columns[4]);
    }

    private static Dictionary<string, double[]> ReadGolden(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        header[0].Should().Be("timestamp");
        var n = lines.Length - 1;
        var columns = header.Skip(1).Select(_ => new double[n]).ToArray();
        for (var i = 0; i < n; i++)
        {
            var fields = lines[i + 1].Split(',');
            fields.Length.Should().Be(header.Length, "line {0} of the golden file has every column", i + 2);
            for (var c = 1; c < fields.Length; c++)
            {
                columns[c - 1][i] = fields[c].Length == 0 ? double.NaN : double.Parse(fields[c], CultureInfo.InvariantCulture);
            }
        }

        return header.Skip(1).Select((name, c) => (name, values: columns[c])).ToDictionary(x => x.name, x => x.values);
    }
}
