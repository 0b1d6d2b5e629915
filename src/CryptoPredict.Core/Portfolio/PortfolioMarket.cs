using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Portfolio;

/// <summary>
/// Several symbols' candles on one timeline, and what each symbol's model said before each traded candle. Timeline
/// row k is an open time every symbol has a candle at; the return of symbol i over row k is
/// <c>Closes[i][k] / Closes[i][k - 1] - 1</c> (so row 0 only starts the first return). Rows
/// <see cref="FirstTraded"/> .. <see cref="LastTraded"/> are traded; the rows before them are history the covariance
/// may look back on. <c>Forecasts[i][k]</c> is symbol i's forecast fractional change of the close over row k, made at
/// the close before it (NaN where the model gave none: the symbol is not held there).
/// </summary>
public sealed class PortfolioMarket
{
    private readonly double[][] _closes;
    private readonly double[][] _forecasts;

    public PortfolioMarket(IReadOnlyList<string> symbols, CandleInterval interval, DateTime[] times, double[][] closes, double[][] forecasts, int firstTraded, int lastTraded)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(closes);
        ArgumentNullException.ThrowIfNull(forecasts);
        if (symbols.Count < 1 || closes.Length != symbols.Count || forecasts.Length != symbols.Count)
        {
            throw new ArgumentException($"{symbols.Count} symbols need as many close and forecast rows, got {closes.Length} and {forecasts.Length}.", nameof(closes));
        }

        if (firstTraded < 1 || lastTraded < firstTraded || lastTraded >= times.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(firstTraded), firstTraded, $"The traded rows {firstTraded} .. {lastTraded} must lie within 1 .. {times.Length - 1} (row 0 has no return).");
        }

        for (var k = 1; k < times.Length; k++)
        {
            if (times[k] <= times[k - 1])
            {
                throw new ArgumentException($"Row {k} ({times[k]:O}) is not after the one before it ({times[k - 1]:O}); times must increase.", nameof(times));
            }
        }

        for (var i = 0; i < symbols.Count; i++)
        {
            if (closes[i].Length != times.Length || forecasts[i].Length != times.Length)
            {
                throw new ArgumentException($"{symbols[i]}: {closes[i].Length} closes and {forecasts[i].Length} forecasts for {times.Length} rows.", nameof(closes));
            }

            var bad = Array.FindIndex(closes[i], c => !(c > 0) || !double.IsFinite(c));
            if (bad >= 0)
            {
                throw new ArgumentException($"{symbols[i]}: the close at {times[bad]:O} is {closes[i][bad]}; a portfolio needs positive finite prices.", nameof(closes));
            }
        }

        Symbols = [.. symbols];
        Interval = interval;
        Times = times;
        _closes = closes;
        _forecasts = forecasts;
        FirstTraded = firstTraded;
        LastTraded = lastTraded;
    }

    public IReadOnlyList<string> Symbols { get; }

    public CandleInterval Interval { get; }

    /// <summary>Open times of the timeline's rows.</summary>
    public IReadOnlyList<DateTime> Times { get; }

    public int FirstTraded { get; }

    public int LastTraded { get; }

    /// <summary>Number of traded candles.</summary>
    public int Count => LastTraded - FirstTraded + 1;

    public double Close(int symbol, int row) => _closes[symbol][row];

    public double Forecast(int symbol, int row) => _forecasts[symbol][row];

    /// <summary>The return of <paramref name="symbol"/> over timeline row <paramref name="row"/> (&gt;= 1).</summary>
    public double Return(int symbol, int row) => (_closes[symbol][row] / _closes[symbol][row - 1]) - 1;

    /// <summary>Per traded candle t (row FirstTraded + t), every symbol's return.</summary>
    public double[][] TradedReturns() =>
        Enumerable.Range(FirstTraded, Count).Select(k => Enumerable.Range(0, Symbols.Count).Select(i => Return(i, k)).ToArray()).ToArray();

    /// <summary>Traded rows whose open time is more than one interval after the row before: their returns span candles some symbol lacks.</summary>
    public int Gaps => Enumerable.Range(FirstTraded, Count).Count(k => Times[k] - Times[k - 1] > Interval.Duration);

    public double PeriodsPerYear => Backtesting.Annualisation.PeriodsPerYear(Interval);
}
