using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Prediction;

/// <summary>
/// How a forecast in target units (what <see cref="Forecaster.Forecast"/> returns) becomes what users read, in one place
/// for <see cref="Predictor"/> and the evaluator: prices from log returns against the last close, volatility clamped at
/// 0 (a network can output a negative one), regime probabilities as they are, named by class.
/// </summary>
public static class ForecastDecoding
{
    /// <summary>Class names of a regime forecast, indexed by <see cref="MarketRegime"/>.</summary>
    public static IReadOnlyList<string> RegimeNames { get; } = ["bearish", "neutral", "bullish"];

    /// <summary>True for the models whose outputs are log returns of prices.</summary>
    public static bool IsPrice(ForecastKind kind) => kind is ForecastKind.Close or ForecastKind.Ohlc;

    /// <summary>
    /// One value of a <paramref name="kind"/> model in target units, as shown: a price (<paramref name="lastClose"/> is the
    /// close of the window's last candle), a volatility of at least 0, or a probability unchanged. Also turns actual target
    /// values into the same units (a realized volatility is never negative, so the clamp leaves it as it is).
    /// </summary>
    public static double Decode(ForecastKind kind, double value, double lastClose) => kind switch
    {
        ForecastKind.Close or ForecastKind.Ohlc => PriceTargets.ToPrice(value, lastClose),
        ForecastKind.Volatility => Math.Max(0, value),
        _ => value,
    };

    /// <summary>As the other overload, for target <paramref name="spec"/>: a log-volatility target is turned back into a volatility.</summary>
    public static double Decode(TargetSpec spec, ForecastKind kind, double value, double lastClose) =>
        spec is RealizedVolatilityTarget volatility ? volatility.ToVolatility(value) : Decode(kind, value, lastClose);

}
