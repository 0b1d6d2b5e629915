using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Features;

/// <summary>
/// The first 2,000 BTCUSDT 1h candles (TestData/Features), read by a minimal parser of the project's own
/// layout so these tests do not depend on the Market readers.
/// </summary>
internal static class RealCandles
{
    private static readonly Lazy<CandleSeries> Head = new(() => Read("btc_1h_head2000.csv"));

    public static CandleSeries BtcHead2000 => Head.Value;

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "Features", file);

    /// <summary>Golden TA-Lib columns by name (NaN for empty cells), from btc_1h_golden_head500.csv.</summary>
    public static Dictionary<string, double[]> Golden()
    {
        var lines = File.ReadAllLines(PathOf("btc_1h_golden_head500.csv"));
        var header = lines[0].Split(',');
        var columns = header.ToDictionary(h => h, _ => new double[lines.Length - 1]);
        for (var r = 1; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (var c = 1; c < header.Length; c++)
            {
                columns[header[c]][r - 1] = cells[c].Length == 0 ? double.NaN : double.Parse(cells[c], CultureInfo.InvariantCulture);
            }
        }

        return columns;
    }

    private static CandleSeries Read(string file)
    {
        var lines = File.ReadAllLines(PathOf(file)).Skip(1).Select(l => l.Split(',')).ToArray();
        double Cell(string[] row, int c) => double.Parse(row[c], CultureInfo.InvariantCulture);
        return new CandleSeries(
            "BTCUSDT",
            CandleInterval.OneHour,
            lines.Select(l => DateTime.Parse(l[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).ToArray(),
            lines.Select(l => Cell(l, 1)).ToArray(),
            lines.Select(l => Cell(l, 2)).ToArray(),
            lines.Select(l => Cell(l, 3)).ToArray(),
            lines.Select(l => Cell(l, 4)).ToArray(),
            lines.Select(l => Cell(l, 5)).ToArray());
    }
}
