using CryptoPredict.Core.Indicators;

namespace CryptoPredict.Core.Tests.Indicators;

/// <summary>
/// A market that never moves exercises TA-Lib's guards for empty ranges (golden-file conventions): each indicator
/// must return its documented fallback rather than NaN or infinity.
/// </summary>
public class FlatMarketTests
{
    private static readonly Core.Market.CandleSeries Flat = SyntheticCandles.FromColumns(
        Enumerable.Repeat(100.0, 60).ToArray(),
        Enumerable.Repeat(100.0, 60).ToArray(),
        Enumerable.Repeat(100.0, 60).ToArray(),
        Enumerable.Repeat(5.0, 60).ToArray());

    [Fact]
    public void Oscillators_fall_back_to_zero()
    {
        Flat.Rsi()[14..].Should().OnlyContain(v => v == 0, "RSI is 0 when gains plus losses are 0");
        Flat.Stochastic().K[17..].Should().OnlyContain(v => v == 0, "fast %K is 0 on a flat range");
        Flat.WilliamsR()[13..].Should().OnlyContain(v => v == 0);
        Flat.Cci()[19..].Should().OnlyContain(v => v == 0);
        Flat.Adx()[27..].Should().OnlyContain(v => v == 0, "every DX is skipped, so the first ADX is 0 / 14");
        Flat.Mfi()[14..].Should().OnlyContain(v => v == 0, "TA-Lib returns 0 when the total money flow is below 1");
        Flat.Roc()[10..].Should().OnlyContain(v => v == 0);
    }

    [Fact]
    public void Volatility_measures_are_zero_and_bands_coincide()
    {
        Flat.StdDev()[19..].Should().OnlyContain(v => v == 0);
        Flat.HistoricalVolatility()[20..].Should().OnlyContain(v => v == 0);
        Flat.Atr()[14..].Should().OnlyContain(v => v == 0);
        var bands = Flat.BollingerBands();
        bands.Upper[19..].Should().OnlyContain(v => v == 100);
        bands.PercentB[19..].Should().OnlyContain(v => v == 0.5);
        bands.Width[19..].Should().OnlyContain(v => v == 0);
    }

    [Fact]
    public void Obv_keeps_the_first_volume_when_the_close_never_changes()
    {
        Flat.Obv().Should().OnlyContain(v => v == 5, "OBV starts at the first candle's volume and equal closes leave it unchanged");
    }
}
