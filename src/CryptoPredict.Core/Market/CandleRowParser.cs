using System.Globalization;
using CsvHelper;

namespace CryptoPredict.Core.Market;

/// <summary>Turns CSV records into validated rows: every field parsed and every per-row rule checked.</summary>
internal sealed class CandleRowParser
{
    private readonly CandleFileLayout _layout;
    private readonly string _path;
    private readonly (int Line, string Value)?[] _firstBadExtra;
    private readonly Func<CandleField, string> _nameOf;

    public CandleRowParser(CandleFileLayout layout, string path)
    {
        _layout = layout;
        _path = path;
        _firstBadExtra = new (int, string)?[layout.Extras.Length];
        Rows = new CandleRowTable(layout.Extras.Length);
        _nameOf = field => layout.NameOf(field switch
        {
            CandleField.Open => layout.OpenColumn,
            CandleField.High => layout.HighColumn,
            CandleField.Low => layout.LowColumn,
            CandleField.Close => layout.CloseColumn,
            _ => layout.VolumeColumn,
        });
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
                + $"({CandleTimestamp.Spellings}).");
        }

        var open = Number(parser, _layout.OpenColumn, line);
        var high = Number(parser, _layout.HighColumn, line);
        var low = Number(parser, _layout.LowColumn, line);
        var close = Number(parser, _layout.CloseColumn, line);
        var volume = Number(parser, _layout.VolumeColumn, line);
        if (CandleRowRules.FirstViolation(new Candle(time, open, high, low, close, volume), _nameOf) is { } violation)
        {
            throw Error(line, violation.Rule, violation.Explanation);
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

    private CandleDataException Error(int line, string rule, string explanation) => new(_path, line, rule, explanation);

}
