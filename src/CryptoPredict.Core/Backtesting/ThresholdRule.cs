using System.Globalization;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// Price models: long when the forecast change of the close exceeds +<see cref="Threshold"/>, short when it is below
/// -<see cref="Threshold"/> (flat instead when <see cref="LongOnly"/>), flat in between; the same rule as
/// <c>predict</c>'s BUY / SELL / HOLD.
/// </summary>
public sealed class ThresholdRule : PositionRule
{
    public ThresholdRule(double threshold, bool longOnly)
    {
        if (!(threshold >= 0) || !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a finite fraction >= 0, e.g. 0.002.");
        }

        Threshold = threshold;
        LongOnly = longOnly;
    }

    public double Threshold { get; }

    public bool LongOnly { get; }

    public override string Description => string.Create(
        CultureInfo.InvariantCulture, $"long above +{Threshold:0.####%}, {(LongOnly ? "flat" : "short")} below -{Threshold:0.####%} forecast change");

    public override bool Reads(ForecastKind kind) => kind is ForecastKind.Close or ForecastKind.Ohlc;

    protected override double PositionFor(double forecast) =>
        forecast > Threshold ? 1 : forecast < -Threshold ? (LongOnly ? 0 : -1) : 0;
}
