namespace CryptoPredict.Core.Market;

/// <summary>The layout of a candle file. <see cref="Auto"/> detects it from the file's first lines.</summary>
public enum CandleFileFormat
{
    /// <summary>Detect the layout from the file itself.</summary>
    Auto,

    /// <summary>The project's own <c>timestamp,open,high,low,close,volume</c>, extra numeric columns kept.</summary>
    Native,

    /// <summary>Binance public-data kline dumps: 12 columns by position, header optional, open time in ms or µs.</summary>
    BinanceKlines,

    /// <summary>CryptoDataDownload exports: optional URL line, <c>unix,date,symbol,...,Volume BTC,Volume USDT</c>, newest first.</summary>
    CryptoDataDownload,

    /// <summary>Yahoo Finance exports: <c>Date,Open,High,Low,Close,Adj Close,Volume</c>.</summary>
    Yahoo,

    /// <summary>Any headed file whose columns map by name (time, open, high, low, close, volume).</summary>
    Generic,
}
