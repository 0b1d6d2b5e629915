using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>Converts horizons given as durations (seed 004: 30m, 1h, 4h) into a number of candles.</summary>
public static class TargetHorizon
{
    public static int Candles(TimeSpan horizon, CandleInterval interval)
    {
        var step = interval.Duration;
        if (horizon <= TimeSpan.Zero || horizon.Ticks % step.Ticks != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(horizon), horizon, $"Horizon {horizon} is not a positive whole number of {interval} candles.");
        }

        return checked((int)(horizon.Ticks / step.Ticks));
    }

    /// <summary>Parses an interval-style duration (<c>30m</c>, <c>1h</c>, <c>4h</c>) and converts it.</summary>
    public static int Candles(string horizon, CandleInterval interval)
    {
        ArgumentNullException.ThrowIfNull(horizon);
        return Candles(CandleInterval.Parse(horizon).Duration, interval);
    }
}
