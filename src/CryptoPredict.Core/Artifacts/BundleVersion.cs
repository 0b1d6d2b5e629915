using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// Names of published bundle versions: the UTC publish time to the millisecond and a random suffix,
/// <c>20250301T120000123Z-1a2b3c4d</c>, so that names sort by age and two publishers never pick the same one.
/// </summary>
internal static partial class BundleVersion
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    /// <summary>A sample name, for messages.</summary>
    public const string Example = "20250301T120000123Z-1a2b3c4d";

    [GeneratedRegex("^[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>
    /// A new name later than <paramref name="existing"/> ones even when the clock went back or two publishes share
    /// a millisecond, so that "newest" by name is the order of publishing.
    /// </summary>
    public static string Next(IEnumerable<string> existing, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var time = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
        time = new DateTime(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        var newest = existing.Where(IsValid).Max(StringComparer.Ordinal);
        if (newest is not null)
        {
            var last = DateTime.ParseExact(newest[..19], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (time <= last)
            {
                time = last.AddMilliseconds(1);
            }
        }

        return time.ToString(TimeFormat, CultureInfo.InvariantCulture) + "-" + RandomSuffix();
    }

    public static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
