namespace CryptoPredict.Core.Market;

/// <summary>Where each field of a candle file's rows lives, resolved from the header (or its absence) and the requested format.</summary>
internal sealed record CandleFileLayout(
    CandleFileFormat Format,
    bool HasHeader,
    string[] ColumnNames,
    int TimeColumn,
    int OpenColumn,
    int HighColumn,
    int LowColumn,
    int CloseColumn,
    int VolumeColumn,
    int SymbolColumn,
    (string Name, int Index)[] Extras)
{
    /// <summary>Fields a row must have for every mapped column to exist.</summary>
    public int RequiredFieldCount { get; } =
        new[] { TimeColumn, OpenColumn, HighColumn, LowColumn, CloseColumn, VolumeColumn, SymbolColumn }.Max() + 1;

    /// <summary>
    /// Fields every row has: the header's, or the Binance columns when there is none. Trailing unnamed header
    /// fields (a header ending in a separator) are not counted, so rows may end with or without them.
    /// </summary>
    public int FieldCount { get; } = NamedFieldCount(ColumnNames);

    public string NameOf(int column) =>
        column < ColumnNames.Length && ColumnNames[column].Length > 0 ? ColumnNames[column] : $"column {column + 1}";

    private static int NamedFieldCount(string[] names)
    {
        var count = names.Length;
        while (count > 0 && string.IsNullOrWhiteSpace(names[count - 1]))
        {
            count--;
        }

        return count;
    }
}
