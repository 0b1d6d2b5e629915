using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// The candles a backtest trades and what the model said before each one. Candle i is held from the close before it
/// (<see cref="StartClose"/> for the first, <c>Closes[i - 1]</c> after) to its own close, and
/// <see cref="Values"/>[i] is the forecast made at that earlier close, from the window ending there: never from candle
/// i itself. What a value means depends on <see cref="Kind"/>: the forecast fractional change of the close
/// (close and OHLC models), the index of the most likely <see cref="Features.MarketRegime"/> (regime), the forecast
/// per-candle volatility (volatility). NaN where the model could not forecast (no usable window, or the candle
/// follows a gap): the position there is flat.
/// </summary>
public sealed class ModelForecasts
{
    private readonly DateTime[] _times;
    private readonly double[] _closes;
    private readonly double[] _values;

    public ModelForecasts(ForecastKind kind, CandleInterval interval, DateTime startTime, double startClose, DateTime[] times, double[] closes, double[] values)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(closes);
        ArgumentNullException.ThrowIfNull(values);
        if (times.Length == 0)
        {
            throw new ArgumentException("A backtest needs at least one candle to trade.", nameof(times));
        }

        if (closes.Length != times.Length || values.Length != times.Length)
        {
            throw new ArgumentException($"There are {times.Length} candles but {closes.Length} closes and {values.Length} forecasts; each candle needs one of each.", nameof(values));
        }

        RequirePrice(startClose, startTime);
        var previous = startTime;
        for (var i = 0; i < times.Length; i++)
        {
            if (times[i] <= previous)
            {
                throw new ArgumentException($"Candle {i} ({times[i]:O}) is not after the one before it ({previous:O}); times must increase.", nameof(times));
            }

            RequirePrice(closes[i], times[i]);
            previous = times[i];
        }

        Kind = kind;
        Interval = interval;
        StartTime = startTime;
        StartClose = startClose;
        _times = times;
        _closes = closes;
        _values = values;
    }

    public ForecastKind Kind { get; }

    public CandleInterval Interval { get; }

    /// <summary>Open time of the candle before the first traded one: the starting point of the equity curve.</summary>
    public DateTime StartTime { get; }

    /// <summary>Its close, the price the first position is entered at.</summary>
    public double StartClose { get; }

    /// <summary>Open times of the traded candles.</summary>
    public IReadOnlyList<DateTime> Times => _times;

    public IReadOnlyList<double> Closes => _closes;

    public IReadOnlyList<double> Values => _values;

    public int Count => _times.Length;

    /// <summary>Candles the model gave no forecast for (held flat).</summary>
    public int WithoutForecast => _values.Count(double.IsNaN);

    public double PeriodsPerYear => Annualisation.PeriodsPerYear(Interval);

    /// <summary>close_i / close_{i-1} - 1 of every traded candle.</summary>
    public double[] PriceReturns()
    {
        var returns = new double[_closes.Length];
        var before = StartClose;
        for (var i = 0; i < _closes.Length; i++)
        {
            returns[i] = (_closes[i] / before) - 1;
            before = _closes[i];
        }

        return returns;
    }

    private static void RequirePrice(double close, DateTime time)
    {
        if (!(close > 0) || !double.IsFinite(close))
        {
            throw new ArgumentException($"The close at {time:O} is {close}; a backtest needs positive finite prices.", nameof(close));
        }
    }
}
