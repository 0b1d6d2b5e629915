namespace CryptoPredict.Core.Models;

/// <summary>What a model forecasts; decides its targets, target scaling, loss and how a forecast is shown.</summary>
public enum ForecastKind
{
    /// <summary>The close h candles ahead, learned as a log return against the last close.</summary>
    Close,

    /// <summary>The next candle's open, high, low and close, as log returns against the last close.</summary>
    Ohlc,

    /// <summary>Realized volatility (sample std of log returns) over the next n candles.</summary>
    Volatility,

    /// <summary>Probabilities of bearish / neutral / bullish over the next h candles.</summary>
    Regime,
}
