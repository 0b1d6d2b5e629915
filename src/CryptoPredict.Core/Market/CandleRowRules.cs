using System.Globalization;

namespace CryptoPredict.Core.Market;

/// <summary>
/// The rules one candle obeys on its own, whatever it came from (a file row, a request's candle): finite numbers,
/// positive prices, a volume that is not negative, a high and a low that contain the body. Said once here so a file
/// and an HTTP request are refused by the same rule with the same words.
/// </summary>
internal static class CandleRowRules
{
    /// <summary>The first rule <paramref name="candle"/> breaks, with its explanation; null when it keeps them all.</summary>
    /// <param name="nameOf">The name of a field as the source spells it (a column header, a JSON property).</param>
    public static (string Rule, string Explanation)? FirstViolation(in Candle candle, Func<CandleField, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        Span<double> values = [candle.Open, candle.High, candle.Low, candle.Close, candle.Volume];
        for (var f = 0; f < values.Length; f++)
        {
            if (!double.IsFinite(values[f]))
            {
                return (CandleDataRule.NotFinite, $"{Format(values[f])} in column '{nameOf((CandleField)f)}' is not a finite number.");
            }
        }

        // Prices first, in column order, so the message names the first bad column a reader meets.
        for (var f = 0; f < (int)CandleField.Volume; f++)
        {
            if (values[f] <= 0)
            {
                return (CandleDataRule.NonPositivePrice, $"price {Format(values[f])} in column '{nameOf((CandleField)f)}' is not positive.");
            }
        }

        if (candle.Volume < 0)
        {
            return (CandleDataRule.NegativeVolume, $"volume {Format(candle.Volume)} in column '{nameOf(CandleField.Volume)}' is negative.");
        }

        if (candle.High < Math.Max(candle.Open, candle.Close))
        {
            return (CandleDataRule.HighBelowBody,
                $"high {Format(candle.High)} is below max(open {Format(candle.Open)}, close {Format(candle.Close)}).");
        }

        if (candle.Low > Math.Min(candle.Open, candle.Close))
        {
            return (CandleDataRule.LowAboveBody,
                $"low {Format(candle.Low)} is above min(open {Format(candle.Open)}, close {Format(candle.Close)}).");
        }

        return null;
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The numeric fields of a candle, for naming one in a message.</summary>
public enum CandleField
{
    Open,
    High,
    Low,
    Close,
    Volume,
}
