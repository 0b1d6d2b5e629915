using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Features;

/// <summary>Small feature matrices built by hand, independent of the indicator code.</summary>
internal static class FeatureTestData
{
    /// <summary>Columns close and a 3-row mean of close (NaN during its 2-row warm-up).</summary>
    public static FeatureMatrix CloseAndMean(CandleSeries series)
    {
        var close = series.Close.ToArray();
        var mean = new double[close.Length];
        for (var i = 0; i < close.Length; i++)
        {
            mean[i] = i < 2 ? double.NaN : (close[i] + close[i - 1] + close[i - 2]) / 3;
        }

        return FeatureMatrix.FromColumns(["close", "mean_3"], [close, mean], series.OpenTimes.ToArray(), series.Interval);
    }

    /// <summary>True when rows first..last of the series are one interval apart, checked from the times directly.</summary>
    public static bool Consecutive(CandleSeries series, int first, int last)
    {
        for (var r = first + 1; r <= last; r++)
        {
            if (series.OpenTimes[r] - series.OpenTimes[r - 1] != series.Interval.Duration)
            {
                return false;
            }
        }

        return true;
    }
}
