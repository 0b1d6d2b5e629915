using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// Crypto trades around the clock, so a year is 365 days of candles (8,760 at 1h, 35,040 at 15m, 365 at 1d), not the
/// 252 sessions of an exchange calendar.
/// </summary>
public static class Annualisation
{
    public static readonly TimeSpan Year = TimeSpan.FromDays(365);

    public static double PeriodsPerYear(CandleInterval interval)
    {
        if (interval.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval.Duration, "A candle interval must be longer than zero.");
        }

        return (double)Year.Ticks / interval.Duration.Ticks;
    }
}
