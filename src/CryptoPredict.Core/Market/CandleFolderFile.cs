namespace CryptoPredict.Core.Market;

/// <summary>A candle file of a data folder and the interval its name gives.</summary>
public sealed record CandleFolderFile(string Path, CandleInterval Interval)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(Path)} ({Interval})";
}
