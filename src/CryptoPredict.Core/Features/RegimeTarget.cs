using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// Market regime over h candles (seed 004): <see cref="MarketRegime.Bullish"/> when
/// ln(close_{t+h} / close_t) &gt; threshold, <see cref="MarketRegime.Bearish"/> when it is &lt; -threshold,
/// otherwise <see cref="MarketRegime.Neutral"/>. The column holds the class index.
/// </summary>
public sealed record RegimeTarget : TargetSpec
{
    public const double DefaultThreshold = 0.005;

    public RegimeTarget(int horizon, double threshold = DefaultThreshold)
    {
        RequirePositive(horizon, nameof(horizon));
        if (!(threshold >= 0) || !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"threshold must be a finite log return >= 0, got {threshold}.");
        }

        Steps = horizon;
        Threshold = threshold;
    }

    public int Steps { get; }

    public double Threshold { get; }

    public override string Name => Threshold == DefaultThreshold
        ? "regime_h" + Steps.ToString(CultureInfo.InvariantCulture)
        : "regime_h" + Steps.ToString(CultureInfo.InvariantCulture) + "_" + Format(Threshold);

    public override int Horizon => Steps;

    public override bool IsPriceLogReturn => false;

    public static MarketRegime Classify(double forwardLogReturn, double threshold) =>
        forwardLogReturn > threshold ? MarketRegime.Bullish
        : forwardLogReturn < -threshold ? MarketRegime.Bearish
        : MarketRegime.Neutral;

    internal override double ValueAt(CandleSeries series, int t) =>
        (double)Classify(Math.Log(series.Close[t + Steps] / series.Close[t]), Threshold);
}
