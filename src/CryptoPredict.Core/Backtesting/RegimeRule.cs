using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Backtesting;

/// <summary>The regime model: long when bullish is the most likely class, short when bearish (flat when <see cref="LongOnly"/>), flat when neutral.</summary>
public sealed class RegimeRule(bool longOnly) : PositionRule
{
    public bool LongOnly { get; } = longOnly;

    public override string Description => LongOnly ? "long when bullish, flat otherwise" : "long when bullish, short when bearish, flat when neutral";

    public override bool Reads(ForecastKind kind) => kind == ForecastKind.Regime;

    protected override double PositionFor(double forecast) => (int)forecast switch
    {
        (int)MarketRegime.Bullish => 1,
        (int)MarketRegime.Bearish => LongOnly ? 0 : -1,
        _ => 0,
    };
}
