using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary><c>ln(close_{t+h} / close_t)</c>: the close h candles ahead (seeds 000, 003, 004).</summary>
public sealed record CloseAtHorizonTarget : TargetSpec
{
    public CloseAtHorizonTarget(int horizon)
    {
        RequirePositive(horizon, nameof(horizon));
        Steps = horizon;
    }

    public int Steps { get; }

    public override string Name => "close_h" + Steps.ToString(CultureInfo.InvariantCulture);

    public override int Horizon => Steps;

    public override bool IsPriceLogReturn => true;

    internal override double ValueAt(CandleSeries series, int t) => Math.Log(series.Close[t + Steps] / series.Close[t]);
}
