using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CryptoPredict.Core.Market;

/// <summary>A candle interval such as <c>15m</c>, <c>1h</c>, <c>4h</c> or <c>1d</c>.</summary>
public readonly record struct CandleInterval : IComparable<CandleInterval>
{
    private static readonly (string Suffix, TimeSpan Unit)[] Units =
    [
        ("m", TimeSpan.FromMinutes(1)),
        ("h", TimeSpan.FromHours(1)),
        ("d", TimeSpan.FromDays(1)),
        ("w", TimeSpan.FromDays(7)),
    ];

    public CandleInterval(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        Duration = duration;
    }

    public TimeSpan Duration { get; }

    public static CandleInterval OneMinute => new(TimeSpan.FromMinutes(1));
    public static CandleInterval FifteenMinutes => new(TimeSpan.FromMinutes(15));
    public static CandleInterval OneHour => new(TimeSpan.FromHours(1));
    public static CandleInterval FourHours => new(TimeSpan.FromHours(4));
    public static CandleInterval OneDay => new(TimeSpan.FromDays(1));

    /// <summary>Parses <c>&lt;n&gt;&lt;unit&gt;</c> with unit m, h, d or w (e.g. <c>15m</c>, <c>1h</c>).</summary>
    public static CandleInterval Parse(string text) =>
        TryParse(text, out var interval)
            ? interval
            : throw new FormatException($"'{text}' is not an interval: use a count and a unit m, h, d or w, such as 15m, 1h, 4h or 1d.");

    public static bool TryParse([NotNullWhen(true)] string? text, out CandleInterval interval)
    {
        interval = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2)
        {
            return false;
        }

        var suffix = text[^1..].ToLowerInvariant();
        foreach (var (unitSuffix, unit) in Units)
        {
            if (suffix == unitSuffix
                && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && count > 0)
            {
                interval = new CandleInterval(unit * count);
                return true;
            }
        }

        return false;
    }

    public int CompareTo(CandleInterval other) => Duration.CompareTo(other.Duration);

    public static bool operator <(CandleInterval left, CandleInterval right) => left.CompareTo(right) < 0;
    public static bool operator <=(CandleInterval left, CandleInterval right) => left.CompareTo(right) <= 0;
    public static bool operator >(CandleInterval left, CandleInterval right) => left.CompareTo(right) > 0;
    public static bool operator >=(CandleInterval left, CandleInterval right) => left.CompareTo(right) >= 0;

    public override string ToString()
    {
        for (var i = Units.Length - 1; i >= 0; i--)
        {
            var (suffix, unit) = Units[i];
            if (Duration.Ticks % unit.Ticks == 0)
            {
                return (Duration.Ticks / unit.Ticks).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return ((long)Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
