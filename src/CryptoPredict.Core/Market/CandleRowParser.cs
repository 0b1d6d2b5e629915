using System.Globalization;
using CsvHelper;

namespace CryptoPredict.Core.Market;

/// <summary>Turns CSV records into validated rows: every field parsed and every per-row rule checked.</summary>
internal sealed class CandleRowParser
{
    private readonly CandleFileLayout _layout;
    private readonly string _path;
    private readonly (int Line, string Value)?[] _firstBadExtra;

    public CandleRowParser(CandleFileLayout layout, string path)
    {
        _layout = layout;
        _path = path;
        _firstBadExtra = new (int, string)?[layout.Extras.Length];
        Rows = new CandleRowTable(layout.Extras.Length);
    }

    public CandleRowTable Rows { get; }

    /// <summary>The first symbol-column value seen, if the layout has one.</summary>
    public string? Symbol { get; private set; }

    public void Add(CsvReader parser, int line)
    {
        if (parser.FieldCount < _layout.RequiredFieldCount)
        {
            throw Error(line, CandleDataRule.MissingColumn,
                $"the row has {parser.FieldCount} fields but {_layout.RequiredFieldCount} are needed to reach '{_layout.NameOf(_layout.RequiredFieldCount - 1)}'.");
        }

        CheckFieldCount(parser, line);
        var timeText = parser.GetString(_layout.TimeColumn);
        if (!CandleTimestamp.TryParse(timeText, out var time))
        {
            throw Error(line, CandleDataRule.UnparsableTime,
                $"'{timeText}' in column '{_layout.NameOf(_layout.TimeColumn)}' is not a timestamp "
                + "(ISO-8601, yyyy-MM-dd HH:mm:ss in UTC, or Unix seconds, milliseconds or microseconds).");
        }

        var open = Number(parser, _layout.OpenColumn, line);
        var high = Number(parser, _layout.HighColumn, line);
        var low = Number(parser, _layout.LowColumn, line);
        var close = Number(parser, _layout.CloseColumn, line);
        var volume = Number(parser, _layout.VolumeColumn, line);
        CheckPrice(open, _layout.OpenColumn, line);
        CheckPrice(high, _layout.HighColumn, line);
        CheckPrice(low, _layout.LowColumn, line);
        CheckPrice(close, _layout.CloseColumn, line);
        if (volume < 0)
        {
            throw Error(line, CandleDataRule.NegativeVolume, $"volume {Format(volume)} in column '{_layout.NameOf(_layout.VolumeColumn)}' is negative.");
        }

        if (high < Math.Max(open, close))
        {
            throw Error(line, CandleDataRule.HighBelowBody,
                $"high {Format(high)} is below max(open {Format(open)}, close {Format(close)}).");
        }

        if (low > Math.Min(open, close))
        {
            throw Error(line, CandleDataRule.LowAboveBody,
                $"low {Format(low)} is above min(open {Format(open)}, close {Format(close)}).");
        }

        if (_layout.SymbolColumn >= 0 && Symbol is null)
        {
            Symbol = parser.GetString(_layout.SymbolColumn);
        }

        Rows.Lines.Add(line);
        Rows.Times.Add(time);
        Rows.Open.Add(open);
        Rows.High.Add(high);
        Rows.Low.Add(low);
        Rows.Close.Add(close);
        Rows.Volume.Add(volume);
        for (var e = 0; e < _layout.Extras.Length; e++)
        {
            var column = _layout.Extras[e].Index;
            if (double.TryParse(parser.GetSpan(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value))
            {
                Rows.Extras[e].Add(value);
            }
            else
            {
                _firstBadExtra[e] ??= (line, parser.GetString(column));
                Rows.Extras[e].Add(double.NaN);
            }
        }
    }

    /// <summary>Indices of the extra columns whose every value was a finite number; the others are reported as warnings.</summary>
    public int[] NumericExtras(CandleWarnings warnings)
    {
        var kept = new List<int>();
        for (var e = 0; e < _layout.Extras.Length; e++)
        {
            if (_firstBadExtra[e] is { } bad)
            {
                warnings.Add(bad.Line, CandleDataRule.ExtraColumnDropped,
                    $"extra column '{_layout.Extras[e].Name}' is not kept: '{bad.Value}' is not a finite number.");
            }
            else
            {
                kept.Add(e);
            }
        }

        return [.. kept];
    }

    /// <summary>A row has the header's fields; only empty fields may follow them (some exports end every row with a separator).</summary>
    private void CheckFieldCount(CsvReader parser, int line)
    {
        var expected = _layout.FieldCount;
        var found = parser.FieldCount;
        var extra = expected;
        while (extra < found && parser.GetSpan(extra).IsEmpty)
        {
            extra++;
        }

        if (found < expected || extra < found)
        {
            var source = _layout.HasHeader ? "from the header" : "as in every Binance kline row";
            var last = _layout.HasHeader ? "column the header names" : "Binance kline column";
            var detail = found < expected
                ? $"the row stops after '{_layout.NameOf(found - 1)}'"
                : $"field {extra + 1} ('{parser.GetString(extra)}') is past the last {last}";
            throw Error(line, CandleDataRule.FieldCount, $"expected {expected} fields {source}, found {found}: {detail}.");
        }
    }

    private double Number(CsvReader parser, int column, int line)
    {
        // Parsing the UTF-8 bytes in place keeps a 50,000-row file from allocating a string per number.
        if (!double.TryParse(parser.GetSpan(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(line, CandleDataRule.UnparsableNumber, $"'{parser.GetString(column)}' in column '{_layout.NameOf(column)}' is not a number.");
        }

        return double.IsFinite(value)
            ? value
            : throw Error(line, CandleDataRule.NotFinite, $"'{parser.GetString(column)}' in column '{_layout.NameOf(column)}' is not a finite number.");
    }

    private void CheckPrice(double price, int column, int line)
    {
        if (price <= 0)
        {
            throw Error(line, CandleDataRule.NonPositivePrice, $"price {Format(price)} in column '{_layout.NameOf(column)}' is not positive.");
        }
    }

    private CandleDataException Error(int line, string rule, string explanation) => new(_path, line, rule, explanation);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
