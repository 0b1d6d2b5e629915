using System.Globalization;
using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Portfolio;

/// <summary>One symbol's candles and its model's forecasts of the candles it would trade alone (its test part).</summary>
public sealed record SymbolForecasts(string Symbol, CandleSeries Series, ModelForecasts Forecasts);

/// <summary>
/// Puts several symbols on one timeline: the open times every symbol has a candle at. The traded candles are those of
/// the timeline inside every symbol's traded range (the intersection of the bundles' test parts); anything that does
/// not line up is said in <see cref="AlignedMarket.Notes"/> rather than silently dropped: a symbol's traded candles
/// another symbol lacks, and traded candles that follow a gap of the timeline (their return spans the missing ones).
/// </summary>
public static class PortfolioAlignment
{
    public static AlignedMarket Align(IReadOnlyList<SymbolForecasts> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Count < 1)
        {
            throw new ArgumentException("A portfolio needs at least one symbol.", nameof(symbols));
        }

        var interval = symbols[0].Series.Interval;
        var mismatch = symbols.FirstOrDefault(s => s.Series.Interval != interval);
        if (mismatch is not null)
        {
            throw new RequestException(FailureKind.BadData, $"{mismatch.Symbol} has {mismatch.Series.Interval} candles but {symbols[0].Symbol} has {interval}: a portfolio trades one interval.");
        }

        var common = new HashSet<DateTime>(symbols[0].Series.OpenTimes.ToArray());
        foreach (var symbol in symbols.Skip(1))
        {
            common.IntersectWith(symbol.Series.OpenTimes.ToArray());
        }

        var times = common.Order().ToArray();
        var from = symbols.Max(s => s.Forecasts.Times[0]);
        var to = symbols.Min(s => s.Forecasts.Times[^1]);
        var first = Array.FindIndex(times, t => t >= from);
        var last = Array.FindLastIndex(times, t => t <= to);
        first = first == 0 ? 1 : first;
        if (first < 0 || last < first || times.Length < 2)
        {
            var ranges = string.Join(", ", symbols.Select(s => $"{s.Symbol} {Time(s.Forecasts.Times[0])} .. {Time(s.Forecasts.Times[^1])}"));
            throw new RequestException(FailureKind.BadData, $"The symbols have no traded candle in common: their test parts are {ranges} UTC, and {times.Length} open times are shared by all.");
        }

        var closes = new double[symbols.Count][];
        var forecasts = new double[symbols.Count][];
        var notes = new List<string>();
        var traded = times.AsSpan(first, last - first + 1).ToArray().ToHashSet();
        for (var i = 0; i < symbols.Count; i++)
        {
            var series = symbols[i].Series;
            var closeAt = new Dictionary<DateTime, double>(series.Count);
            for (var r = 0; r < series.Count; r++)
            {
                closeAt[series.OpenTimes[r]] = series.Close[r];
            }

            var said = new Dictionary<DateTime, double>(symbols[i].Forecasts.Count);
            for (var t = 0; t < symbols[i].Forecasts.Count; t++)
            {
                said[symbols[i].Forecasts.Times[t]] = symbols[i].Forecasts.Values[t];
            }

            closes[i] = times.Select(t => closeAt[t]).ToArray();
            forecasts[i] = times.Select((t, k) => k >= first && k <= last && said.TryGetValue(t, out var v) ? v : double.NaN).ToArray();
            var dropped = said.Keys.Count(t => !traded.Contains(t));
            if (dropped > 0)
            {
                notes.Add(Invariant($"the symbols' candles do not align: {dropped} of {symbols[i].Symbol}'s {said.Count} test candles are not traded (outside the common test range or missing from another symbol)"));
            }
        }

        var market = new PortfolioMarket(symbols.Select(s => s.Symbol).ToArray(), interval, times, closes, forecasts, first, last);
        if (market.Gaps > 0)
        {
            notes.Add(Invariant($"{market.Gaps} traded candles follow a gap in the candles all symbols share: their returns span the missing candles"));
        }

        var withoutForecast = Enumerable.Range(first, market.Count).Count(k => Enumerable.Range(0, symbols.Count).Any(i => double.IsNaN(forecasts[i][k])));
        if (withoutForecast > 0)
        {
            notes.Add(Invariant($"{withoutForecast} of {market.Count} traded candles lack a forecast of some symbol (no usable window before them): that symbol gets no weight at a rebalance there"));
        }

        return new AlignedMarket(market, notes);
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The aligned market and what did not line up, in words.</summary>
public sealed record AlignedMarket(PortfolioMarket Market, IReadOnlyList<string> Notes);
