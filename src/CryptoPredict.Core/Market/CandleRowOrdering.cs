using System.Globalization;

namespace CryptoPredict.Core.Market;

/// <summary>The rows of a file in time order: a newest-first file reversed, identical duplicates dropped.</summary>
internal sealed class CandleRowOrdering
{
    private CandleRowOrdering(int capacity, int extraCount)
    {
        Lines = new int[capacity];
        Times = new DateTime[capacity];
        Open = new double[capacity];
        High = new double[capacity];
        Low = new double[capacity];
        Close = new double[capacity];
        Volume = new double[capacity];
        Extras = new double[extraCount][];
        for (var e = 0; e < extraCount; e++)
        {
            Extras[e] = new double[capacity];
        }
    }

    public int[] Lines { get; private set; }
    public DateTime[] Times { get; private set; }
    public double[] Open { get; private set; }
    public double[] High { get; private set; }
    public double[] Low { get; private set; }
    public double[] Close { get; private set; }
    public double[] Volume { get; private set; }
    public double[][] Extras { get; }
    public bool Reversed { get; private init; }
    public int DuplicatesDropped { get; private set; }

    /// <summary>
    /// Orders <paramref name="rows"/>. The direction is the one most consecutive pairs follow, so one stray row
    /// in a newest-first file is reported as out of order rather than every other row.
    /// </summary>
    public static CandleRowOrdering Apply(CandleRowTable rows, int[] keptExtras, string path, CandleWarnings warnings)
    {
        var times = rows.Times;
        var n = rows.Count;
        int rising = 0, falling = 0;
        for (var i = 1; i < n; i++)
        {
            var order = times[i].CompareTo(times[i - 1]);
            rising += order > 0 ? 1 : 0;
            falling += order < 0 ? 1 : 0;
        }

        var reversed = falling > rising;
        for (var i = 1; i < n; i++)
        {
            if (reversed ? times[i] > times[i - 1] : times[i] < times[i - 1])
            {
                var direction = reversed ? "newest first, but this row is later than" : "in time order, but this row is earlier than";
                throw new CandleDataException(path, rows.Lines[i], CandleDataRule.OutOfOrder,
                    $"{Iso(times[i])}: the file runs {direction} line {rows.Lines[i - 1]} ({Iso(times[i - 1])}).");
            }
        }

        var result = new CandleRowOrdering(n, keptExtras.Length) { Reversed = reversed };
        var kept = 0;
        for (var k = 0; k < n; k++)
        {
            var i = reversed ? n - 1 - k : k;
            if (kept > 0 && times[i] == result.Times[kept - 1])
            {
                result.DropDuplicate(rows, i, kept - 1, keptExtras, path, warnings);
                continue;
            }

            result.Lines[kept] = rows.Lines[i];
            result.Times[kept] = times[i];
            result.Open[kept] = rows.Open[i];
            result.High[kept] = rows.High[i];
            result.Low[kept] = rows.Low[i];
            result.Close[kept] = rows.Close[i];
            result.Volume[kept] = rows.Volume[i];
            for (var e = 0; e < keptExtras.Length; e++)
            {
                result.Extras[e][kept] = rows.Extras[keptExtras[e]][i];
            }

            kept++;
        }

        result.Truncate(kept);
        return result;
    }

    private void DropDuplicate(CandleRowTable rows, int row, int keptIndex, int[] keptExtras, string path, CandleWarnings warnings)
    {
        var same = rows.Open[row] == Open[keptIndex] && rows.High[row] == High[keptIndex] && rows.Low[row] == Low[keptIndex]
            && rows.Close[row] == Close[keptIndex] && rows.Volume[row] == Volume[keptIndex];
        for (var e = 0; same && e < keptExtras.Length; e++)
        {
            same = rows.Extras[keptExtras[e]][row] == Extras[e][keptIndex];
        }

        // Name the occurrence further down the file, the one a reader meets second.
        var later = Math.Max(rows.Lines[row], Lines[keptIndex]);
        var earlier = Math.Min(rows.Lines[row], Lines[keptIndex]);
        if (!same)
        {
            throw new CandleDataException(path, later, CandleDataRule.DuplicateConflict,
                $"{Iso(rows.Times[row])} also appears on line {earlier} with different values.");
        }

        warnings.Add(later, CandleDataRule.DuplicateDropped, $"{Iso(rows.Times[row])} repeats line {earlier} exactly; the copy was dropped.");
        DuplicatesDropped++;
        // Keep the line number of the first occurrence so later messages point at the row that stayed.
        Lines[keptIndex] = earlier;
    }

    private void Truncate(int count)
    {
        if (count == Times.Length)
        {
            return;
        }

        Lines = Lines[..count];
        Times = Times[..count];
        Open = Open[..count];
        High = High[..count];
        Low = Low[..count];
        Close = Close[..count];
        Volume = Volume[..count];
        for (var e = 0; e < Extras.Length; e++)
        {
            Extras[e] = Extras[e][..count];
        }
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
