using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Indicators;

/// <summary>
/// The BTCUSDT 1h sample (first 10,000 candles), read by the project's own reader, and TA-Lib's golden values for it.
/// </summary>
internal static class IndicatorTestData
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Indicators");
    private static readonly Lazy<CandleSeries> LazyCandles = new(() => ReadCandles(Path.Combine(Folder, "BTCUSDT_1h.first10000.csv")));
    private static readonly Lazy<Dictionary<string, double[]>> LazyGolden = new(() => ReadGolden(Path.Combine(Folder, "BTCUSDT_1h.golden.csv")));

    public static CandleSeries Candles => LazyCandles.Value;

    /// <summary>Golden columns by name; NaN where TA-Lib has no value (empty cell).</summary>
    public static IReadOnlyDictionary<string, double[]> Golden => LazyGolden.Value;

    private static CandleSeries ReadCandles(string path) =>
        CandleFileReader.Read(path, new CandleReadOptions { Symbol = "BTCUSDT", Format = CandleFileFormat.Native }).Series;

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
