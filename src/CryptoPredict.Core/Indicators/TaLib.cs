namespace CryptoPredict.Core.Indicators;

/// <summary>TA-Lib's float guards, reproduced so results agree with it on flat or degenerate input.</summary>
internal static class TaLib
{
    private const double Epsilon = 0.00000000000001;

    /// <summary>TA_IS_ZERO.</summary>
    public static bool IsZero(double value) => -Epsilon < value && value < Epsilon;

    /// <summary>TA_IS_ZERO_OR_NEG.</summary>
    public static bool IsZeroOrNegative(double value) => value < Epsilon;

    /// <summary>TA-Lib's true range of a bar against the previous close.</summary>
    public static double TrueRange(double high, double low, double previousClose)
    {
        var range = high - low;
        var upGap = Math.Abs(high - previousClose);
        if (upGap > range)
        {
            range = upGap;
        }

        var downGap = Math.Abs(low - previousClose);
        if (downGap > range)
        {
            range = downGap;
        }

        return range;
    }
}
