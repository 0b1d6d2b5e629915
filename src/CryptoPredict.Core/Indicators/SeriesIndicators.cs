namespace CryptoPredict.Core.Indicators;

/// <summary>
/// Single-input indicators over any sequence of values (a close column, a derived series, ...). Each returns one
/// value per input value, <see cref="double.NaN"/> during warm-up; inputs are expected to hold no NaN.
/// </summary>
public static class SeriesIndicators
{
    /// <summary>Simple moving average; first value at index <c>period - 1</c>.</summary>
    public static double[] Sma(ReadOnlySpan<double> values, int period = 20)
    {
        IndicatorGuard.AtLeast(period, 1);
        var output = Outputs.New(values.Length);
        MovingAverageKernels.Sma(values, period, output);
        return output;
    }

    /// <summary>Exponential moving average, k = 2 / (period + 1), seeded with the SMA of the first <c>period</c> values.</summary>
    public static double[] Ema(ReadOnlySpan<double> values, int period = 12)
    {
        IndicatorGuard.AtLeast(period, 1);
        var output = Outputs.New(values.Length);
        MovingAverageKernels.Ema(values, period, output);
        return output;
    }

    /// <summary>Linearly weighted moving average, weights 1..period with the newest value heaviest.</summary>
    public static double[] Wma(ReadOnlySpan<double> values, int period = 20)
    {
        IndicatorGuard.AtLeast(period, 1);
        var output = Outputs.New(values.Length);
        MovingAverageKernels.Wma(values, period, output);
        return output;
    }

    /// <summary>Wilder's RSI (TA-Lib); first value at index <c>period</c>.</summary>
    public static double[] Rsi(ReadOnlySpan<double> values, int period = 14)
    {
        IndicatorGuard.AtLeast(period, 2);
        var output = Outputs.New(values.Length);
        RsiKernel.Compute(values, period, output);
        return output;
    }

    /// <summary>TA-Lib's MACD; all three outputs start at index <c>slow + signal - 2</c>.</summary>
    public static MacdResult Macd(ReadOnlySpan<double> values, int fast = 12, int slow = 26, int signal = 9)
    {
        IndicatorGuard.AtLeast(fast, 1);
        IndicatorGuard.AtLeast(signal, 1);
        if (slow <= fast)
        {
            throw new ArgumentOutOfRangeException(nameof(slow), slow, $"slow must be greater than fast ({fast}), but was {slow}.");
        }

        var n = values.Length;
        var result = new MacdResult(Outputs.New(n), Outputs.New(n), Outputs.New(n));
        MacdKernel.Compute(values, fast, slow, signal, result.Macd, result.Signal, result.Histogram);
        return result;
    }

    /// <summary>Bollinger Bands around an SMA with population standard deviation (TA-Lib's BBANDS), plus width and %B.</summary>
    public static BollingerBandsResult BollingerBands(ReadOnlySpan<double> values, int period = 20, double deviations = 2)
    {
        IndicatorGuard.AtLeast(period, 2);
        IndicatorGuard.NonNegativeFinite(deviations);
        var n = values.Length;
        var result = new BollingerBandsResult(Outputs.New(n), Outputs.New(n), Outputs.New(n), Outputs.New(n), Outputs.New(n));
        BollingerBandsKernel.Compute(values, period, deviations, result.Upper, result.Middle, result.Lower, result.Width, result.PercentB);
        return result;
    }

    /// <summary>Rate of change in percent against the value <c>period</c> rows back.</summary>
    public static double[] Roc(ReadOnlySpan<double> values, int period = 10)
    {
        IndicatorGuard.AtLeast(period, 1);
        var output = Outputs.New(values.Length);
        RocKernel.Compute(values, period, output);
        return output;
    }

    /// <summary>Rolling population standard deviation (TA-Lib's STDDEV with one deviation).</summary>
    public static double[] StdDev(ReadOnlySpan<double> values, int period = 20)
    {
        IndicatorGuard.AtLeast(period, 2);
        var output = Outputs.New(values.Length);
        StandardDeviationKernel.Compute(values, period, output);
        return output;
    }

    /// <summary>Sample standard deviation of the last <c>period</c> log returns (not annualised); first value at index <c>period</c>.</summary>
    public static double[] HistoricalVolatility(ReadOnlySpan<double> values, int period = 20)
    {
        IndicatorGuard.AtLeast(period, 2);
        var output = Outputs.New(values.Length);
        ReturnKernels.HistoricalVolatility(values, period, output);
        return output;
    }

    /// <summary>ln(value[t] / value[t-1]); NaN at index 0.</summary>
    public static double[] LogReturn(ReadOnlySpan<double> values)
    {
        var output = Outputs.New(values.Length);
        ReturnKernels.LogReturn(values, output);
        return output;
    }

    /// <summary>Each value divided by the SMA of the last <c>period</c> values (itself included); 0 where that SMA is 0.</summary>
    public static double[] RatioToSma(ReadOnlySpan<double> values, int period = 20)
    {
        IndicatorGuard.AtLeast(period, 1);
        var output = Outputs.New(values.Length);
        VolumeRatioKernel.Compute(values, period, output);
        return output;
    }
}
