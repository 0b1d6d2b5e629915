using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary><c>ln(price_{t+1} / close_t)</c> for the next candle's open, high, low or close (seed 001).</summary>
public sealed record NextCandleTarget(PriceField Field) : TargetSpec
{
    public override string Name => "next_" + Field.ToString().ToLowerInvariant();

    public override int Horizon => 1;

    public override bool IsPriceLogReturn => true;

    internal override double ValueAt(CandleSeries series, int t)
    {
        var next = Field switch
        {
            PriceField.Open => series.Open[t + 1],
            PriceField.High => series.High[t + 1],
            PriceField.Low => series.Low[t + 1],
            _ => series.Close[t + 1],
        };
        return Math.Log(next / series.Close[t]);
    }
}
