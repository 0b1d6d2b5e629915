using System.Globalization;
using System.Net;

namespace CryptoPredict.Core.Evaluation;

/// <summary>How the HTML report writes text and numbers: every caller string escaped, every number invariant.</summary>
internal static class ReportText
{
    /// <summary>Shown for a metric that is undefined (NaN) or infinite, so no "NaN" reaches the page.</summary>
    public const string Undefined = "n/a";

    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Six significant digits, enough to compare metrics without drowning the table.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : Undefined;

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>SVG user units; a hundredth of a pixel is finer than any screen.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
