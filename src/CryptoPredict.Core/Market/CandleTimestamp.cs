using System.Globalization;

namespace CryptoPredict.Core.Market;

/// <summary>
/// Parses the timestamp spellings found in candle files into UTC: ISO-8601 with or without offset,
/// <c>yyyy-MM-dd HH:mm:ss</c> (taken as UTC), a bare date, CryptoDataDownload's <c>yyyy-MM-dd hh-AM</c>,
/// and Unix time in seconds, milliseconds or microseconds told apart by magnitude.
/// </summary>
public static class CandleTimestamp
{
    /// <summary>The spellings <see cref="TryParse"/> accepts, for the unparsable-time message of every source.</summary>
    public const string Spellings = "ISO-8601, yyyy-MM-dd HH:mm:ss in UTC, or Unix seconds, milliseconds or microseconds";

    // Unix seconds stay below 1e11 until the year 5138, so these bounds cannot mistake one unit for another
    // for any candle a file can hold (ms since 1973 exceed 1e11, µs since 1973 exceed 1e14).
    private const decimal MaxSeconds = 1e11m;
    private const decimal MaxMilliseconds = 1e14m;
    private const decimal MaxMicroseconds = 1e17m;

    // Exact formats rather than DateTime.TryParse, whose leniency would accept ambiguous dates like 01/02/2020.
    private static readonly string[] TextFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
        "yyyy-MM-dd hh-tt",
    ];

    /// <summary>Parses <paramref name="text"/>; the result has <see cref="DateTimeKind.Utc"/>.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (IsUnsignedDecimal(span))
        {
            return TryParseUnix(span, out utc);
        }

        if (DateTime.TryParseExact(
                span,
                TextFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed))
        {
            utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="FormatException"/> naming it.</summary>
    public static DateTime Parse(string text) =>
        TryParse(text, out var utc)
            ? utc
            : throw new FormatException(
                $"'{text}' is not a timestamp: use ISO-8601, yyyy-MM-dd HH:mm:ss (UTC) or Unix seconds, milliseconds or microseconds.");

    private static bool IsUnsignedDecimal(ReadOnlySpan<char> span)
    {
        var dots = 0;
        foreach (var c in span)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return dots <= 1 && span[0] != '.';
    }

    private static bool TryParseUnix(ReadOnlySpan<char> span, out DateTime utc)
    {
        utc = default;
        if (!decimal.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        long ticksPerUnit;
        if (value < MaxSeconds)
        {
            ticksPerUnit = TimeSpan.TicksPerSecond;
        }
        else if (value < MaxMilliseconds)
        {
            ticksPerUnit = TimeSpan.TicksPerMillisecond;
        }
        else if (value < MaxMicroseconds)
        {
            ticksPerUnit = TimeSpan.TicksPerMicrosecond;
        }
        else
        {
            return false;
        }

        var ticks = decimal.Truncate(value * ticksPerUnit);
        if (ticks > DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks)
        {
            return false;
        }

        utc = DateTime.UnixEpoch.AddTicks((long)ticks);
        return true;
    }
}
