namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// The figures of one equity curve, annualised with <c>P</c> periods per year (<see cref="Annualisation"/>). Over n
/// candles with net returns r and final equity E:
/// <list type="bullet">
/// <item>total return E - 1; CAGR E^(P / n) - 1 (-1 once the equity is gone, E &lt;= 0);</item>
/// <item>Sharpe mean(r) / sample std(r) (n - 1) x sqrt(P), no risk-free rate; Sortino mean(r) / sqrt(mean(min(r, 0)^2)) x sqrt(P);</item>
/// <item>maximum drawdown max(1 - equity / running peak), the starting 1 included; Calmar CAGR / maximum drawdown;</item>
/// <item>hit rate: share of the candles with a position whose net return is above 0;</item>
/// <item>trades: candles whose position differs from the one before (the first counts when it is not flat);
/// turnover: sum of |position change|; exposure: mean |position|.</item>
/// </list>
/// Undefined figures are NaN (null in JSON, n/a on screen): Sharpe with fewer than two candles or returns that do not
/// vary (always flat), Sortino without a losing candle, Calmar without a drawdown, hit rate without a position.
/// </summary>
public sealed record PerformanceMetrics(
    double TotalReturn,
    double Cagr,
    double Sharpe,
    double Sortino,
    double MaxDrawdown,
    double Calmar,
    double HitRate,
    int Trades,
    double Turnover,
    double Exposure)
{
    public static PerformanceMetrics Compute(EquityCurve curve, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (!(periodsPerYear > 0) || !double.IsFinite(periodsPerYear))
        {
            throw new ArgumentOutOfRangeException(nameof(periodsPerYear), periodsPerYear, "Periods per year must be a finite number above 0.");
        }

        var n = curve.Count;
        if (n == 0)
        {
            throw new ArgumentException("An equity curve of no candles has no figures.", nameof(curve));
        }

        var final = curve.Equity[^1];
        var cagr = final > 0 ? Math.Pow(final, periodsPerYear / n) - 1 : -1;
        var maxDrawdown = curve.Drawdowns().Max();
        var trades = 0;
        var turnover = 0.0;
        var exposure = 0.0;
        var inMarket = 0;
        var wins = 0;
        var previous = 0.0;
        for (var i = 0; i < n; i++)
        {
            var position = curve.Positions[i];
            if (position != previous)
            {
                trades++;
                turnover += Math.Abs(position - previous);
            }

            exposure += Math.Abs(position);
            if (position != 0)
            {
                inMarket++;
                wins += curve.Returns[i] > 0 ? 1 : 0;
            }

            previous = position;
        }

        return new PerformanceMetrics(
            final - 1,
            cagr,
            SharpeOf(curve.Returns, periodsPerYear),
            SortinoOf(curve.Returns, periodsPerYear),
            maxDrawdown,
            maxDrawdown > 0 ? cagr / maxDrawdown : double.NaN,
            inMarket > 0 ? wins / (double)inMarket : double.NaN,
            trades,
            turnover,
            exposure / n);
    }

    /// <summary>mean / sample standard deviation x sqrt(periods); NaN when it is undefined (n &lt; 2 or no variation).</summary>
    public static double SharpeOf(IReadOnlyList<double> returns, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(returns);
        var n = returns.Count;
        if (n < 2)
        {
            return double.NaN;
        }

        var mean = Mean(returns);
        var squares = 0.0;
        foreach (var r in returns)
        {
            squares += (r - mean) * (r - mean);
        }

        var std = Math.Sqrt(squares / (n - 1));
        return std > 0 ? mean / std * Math.Sqrt(periodsPerYear) : double.NaN;
    }

    private static double SortinoOf(IReadOnlyList<double> returns, double periodsPerYear)
    {
        var downside = 0.0;
        foreach (var r in returns)
        {
            downside += r < 0 ? r * r : 0;
        }

        downside = Math.Sqrt(downside / returns.Count);
        return downside > 0 ? Mean(returns) / downside * Math.Sqrt(periodsPerYear) : double.NaN;
    }

    private static double Mean(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Count;
    }
}
