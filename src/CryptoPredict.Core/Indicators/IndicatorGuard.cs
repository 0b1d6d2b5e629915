using System.Runtime.CompilerServices;

namespace CryptoPredict.Core.Indicators;

/// <summary>Parameter checks shared by the indicators, so every message names the parameter and its value.</summary>
internal static class IndicatorGuard
{
    public static void AtLeast(int value, int minimum, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be >= {minimum}, but was {value}.");
        }
    }

    public static void NonNegativeFinite(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number >= 0, but was {value}.");
        }
    }

    public static void SameLength(int expected, int actual, string paramName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{paramName} has {actual} values but {expected} were expected.", paramName);
        }
    }
}
