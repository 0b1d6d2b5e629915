using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>The data folder's SYMBOL_INTERVAL.csv, read as <c>predict</c> reads its default file, for a request that sends no candles.</summary>
internal static class DataFolderCandles
{
    public static CandleSeries Read(string dataDir, ModelSelection selection)
    {
        if (!Commands.PreprocessCommand.TryDataDirPath(dataDir, selection.Symbol, selection.Interval, out var path))
        {
            throw ApiException.Usage($"symbol '{selection.Symbol}' does not name a file inside the data folder.");
        }

        if (!File.Exists(path))
        {
            throw ApiException.NotFound(
                $"No candles for {selection.Symbol} {selection.IntervalText} in the data folder ({Path.GetFileName(path)}); send them as 'candles' in the request.");
        }

        try
        {
            return Commands.VerbSupport.ReadCandles(path, selection.Symbol, selection.Interval, dataGiven: false, symbolGiven: true, intervalGiven: true);
        }
        catch (CandleDataException e)
        {
            throw ApiException.BadData(e.Message);
        }
    }
}
