using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Indicators;

/// <summary>
/// Technical indicators over a candle series, with TA-Lib's conventions. Every result has one value per candle
/// (length <see cref="CandleSeries.Count"/>) and <see cref="double.NaN"/> during warm-up; the value at row t uses
/// only rows at or before t. A series shorter than the warm-up gives all-NaN results. Close-only indicators are
/// computed on the close.
/// </summary>
public static class CandleIndicators
{
    public static double[] Sma(this CandleSeries series, int period = 20) => SeriesIndicators.Sma(Require(series).Close, period);

    public static double[] Ema(this CandleSeries series, int period = 12) => SeriesIndicators.Ema(Require(series).Close, period);

    public static double[] Wma(this CandleSeries series, int period = 20) => SeriesIndicators.Wma(Require(series).Close, period);

    public static double[] Rsi(this CandleSeries series, int period = 14) => SeriesIndicators.Rsi(Require(series).Close, period);

    public static MacdResult Macd(this CandleSeries series, int fast = 12, int slow = 26, int signal = 9) =>
        SeriesIndicators.Macd(Require(series).Close, fast, slow, signal);

    public static BollingerBandsResult BollingerBands(this CandleSeries series, int period = 20, double deviations = 2) =>
        SeriesIndicators.BollingerBands(Require(series).Close, period, deviations);

    /// <summary>Wilder's average true range; first value at row <c>period</c>.</summary>
    public static double[] Atr(this CandleSeries series, int period = 14)
    {
        IndicatorGuard.AtLeast(period, 1);
        var output = Outputs.New(Require(series).Count);
        AtrKernel.Atr(series.High, series.Low, series.Close, period, output);
        return output;
    }

    /// <summary>ATR as a percentage of the close.</summary>
    public static double[] Natr(this CandleSeries series, int period = 14)
    {
        IndicatorGuard.AtLeast(period, 1);
        var output = Outputs.New(Require(series).Count);
        AtrKernel.Natr(series.High, series.Low, series.Close, period, output);
        return output;
    }

    /// <summary>On-balance volume, starting at the first candle's volume; defined from row 0.</summary>
    public static double[] Obv(this CandleSeries series)
    {
        var output = Outputs.New(Require(series).Count);
        ObvKernel.Compute(series.Close, series.Volume, output);
        return output;
    }

    /// <summary>Slow stochastic (TA-Lib's STOCH with SMA smoothing); both outputs start at row <c>kPeriod + slowK + slowD - 3</c>.</summary>
    public static StochasticResult Stochastic(this CandleSeries series, int kPeriod = 14, int slowK = 3, int slowD = 3)
    {
        IndicatorGuard.AtLeast(kPeriod, 1);
        IndicatorGuard.AtLeast(slowK, 1);
        IndicatorGuard.AtLeast(slowD, 1);
        var n = Require(series).Count;
        var result = new StochasticResult(Outputs.New(n), Outputs.New(n));
        StochasticKernel.Compute(series.High, series.Low, series.Close, kPeriod, slowK, slowD, result.K, result.D);
        return result;
    }

    /// <summary>TA-Lib's ADX; first value at row <c>2 * period - 1</c>.</summary>
    public static double[] Adx(this CandleSeries series, int period = 14)
    {
        IndicatorGuard.AtLeast(period, 2);
        var output = Outputs.New(Require(series).Count);
        AdxKernel.Compute(series.High, series.Low, series.Close, period, output);
        return output;
    }

    /// <summary>Commodity channel index over the typical price; first value at row <c>period - 1</c>.</summary>
    public static double[] Cci(this CandleSeries series, int period = 20)
    {
        IndicatorGuard.AtLeast(period, 2);
        var output = Outputs.New(Require(series).Count);
        CciKernel.Compute(series.High, series.Low, series.Close, period, output);
        return output;
    }

    /// <summary>Williams %R in [-100, 0]; first value at row <c>period - 1</c>.</summary>
    public static double[] WilliamsR(this CandleSeries series, int period = 14)
    {
        IndicatorGuard.AtLeast(period, 2);
        var output = Outputs.New(Require(series).Count);
        WilliamsRKernel.Compute(series.High, series.Low, series.Close, period, output);
        return output;
    }

    /// <summary>Money flow index (TA-Lib, including its 0 when the total flow is below 1); first value at row <c>period</c>.</summary>
    public static double[] Mfi(this CandleSeries series, int period = 14)
    {
        IndicatorGuard.AtLeast(period, 2);
        var output = Outputs.New(Require(series).Count);
        MfiKernel.Compute(series.High, series.Low, series.Close, series.Volume, period, output);
        return output;
    }

    public static double[] Roc(this CandleSeries series, int period = 10) => SeriesIndicators.Roc(Require(series).Close, period);

    public static double[] StdDev(this CandleSeries series, int period = 20) => SeriesIndicators.StdDev(Require(series).Close, period);

    public static double[] HistoricalVolatility(this CandleSeries series, int period = 20) =>
        SeriesIndicators.HistoricalVolatility(Require(series).Close, period);

    /// <summary>sum(tp * volume) / sum(volume) over the last <c>period</c> candles, tp = (H+L+C)/3; tp itself where that volume is 0.</summary>
    public static double[] RollingVwap(this CandleSeries series, int period = 20)
    {
        IndicatorGuard.AtLeast(period, 1);
        var output = Outputs.New(Require(series).Count);
        VwapKernels.Rolling(series.High, series.Low, series.Close, series.Volume, period, output);
        return output;
    }

    /// <summary>VWAP cumulated from each UTC midnight (by candle open time); tp itself while the day's volume is 0.</summary>
    public static double[] DailyVwap(this CandleSeries series)
    {
        var output = Outputs.New(Require(series).Count);
        VwapKernels.Daily(series.OpenTimes, series.High, series.Low, series.Close, series.Volume, output);
        return output;
    }

    /// <summary>(close - level) / close for the retracement levels of the highest high and lowest low of <c>lookback</c> candles.</summary>
    public static FibonacciResult FibonacciLevels(this CandleSeries series, int lookback = 50)
    {
        IndicatorGuard.AtLeast(lookback, 1);
        var n = Require(series).Count;
        var result = new FibonacciResult(Outputs.New(n), Outputs.New(n), Outputs.New(n), Outputs.New(n), Outputs.New(n));
        FibonacciKernel.Compute(
            series.High, series.Low, series.Close, lookback, result.Level236, result.Level382, result.Level500, result.Level618, result.Level786);
        return result;
    }

    /// <summary>Volume divided by the SMA of volume over <c>period</c> candles (current candle included); 0 where that SMA is 0.</summary>
    public static double[] VolumeRatio(this CandleSeries series, int period = 20) =>
        SeriesIndicators.RatioToSma(Require(series).Volume, period);

    /// <summary>ln(close[t] / close[t-1]); NaN at row 0.</summary>
    public static double[] LogReturn(this CandleSeries series) => SeriesIndicators.LogReturn(Require(series).Close);

    private static CandleSeries Require(CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series;
    }
}
