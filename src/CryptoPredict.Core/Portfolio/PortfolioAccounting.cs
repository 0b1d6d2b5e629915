using CryptoPredict.Core.Backtesting;

namespace CryptoPredict.Core.Portfolio;

/// <summary>
/// Backtest's accounting applied to a weight vector. Over traded candle t the portfolio holds weights w_t (cash the
/// rest, earning nothing) and earns
/// <c>R_t = sum_i w_{t,i} r_{t,i} - cost * sum_i |w_{t,i} - d_{t-1,i}|</c>, where d_{t-1} are the weights it came
/// out of candle t - 1 with (d_{-1} = 0: it starts in cash, so the entry pays). On a rebalance candle w_t is the
/// target; otherwise w_t = d_{t-1}: no trade, no cost. Weights drift with prices alone:
/// <c>d_{t,i} = w_{t,i} (1 + r_{t,i}) / (1 + sum_j w_{t,j} r_{t,j})</c> (the fee is taken from every holding in
/// proportion, so it moves no weight). Equity compounds from 1, as in backtest.
/// </summary>
public static class PortfolioAccounting
{
    /// <param name="returns">Per traded candle, each symbol's close-to-close return.</param>
    /// <param name="targetAt">The target weights at candle t when it is a rebalance, null otherwise.</param>
    /// <param name="costPerUnit">Fraction of equity paid per unit of weight traded (<see cref="TradingCosts.PerUnitTurnover"/>).</param>
    public static PortfolioCurve Simulate(IReadOnlyList<IReadOnlyList<double>> returns, Func<int, IReadOnlyList<double>?> targetAt, double costPerUnit)
    {
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(targetAt);
        if (!(costPerUnit >= 0) || !double.IsFinite(costPerUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(costPerUnit), costPerUnit, "The cost per unit of turnover must be a finite fraction >= 0.");
        }

        var n = returns.Count;
        var p = n > 0 ? returns[0].Count : 0;
        var held = new double[n][];
        var net = new double[n];
        var exposure = new double[n];
        var traded = new double[n];
        var drifted = new double[p];
        for (var t = 0; t < n; t++)
        {
            var weights = targetAt(t) is { } target ? Checked(target, p, t) : (double[])drifted.Clone();
            var change = 0.0;
            var gross = 0.0;
            for (var i = 0; i < p; i++)
            {
                change += Math.Abs(weights[i] - drifted[i]);
                gross += weights[i] * returns[t][i];
            }

            held[t] = weights;
            traded[t] = change;
            exposure[t] = weights.Sum();
            net[t] = gross - (costPerUnit * change);
            // A portfolio that lost everything holds nothing.
            var grown = 1 + gross;
            for (var i = 0; i < p; i++)
            {
                drifted[i] = grown > 0 ? weights[i] * (1 + returns[t][i]) / grown : 0;
            }
        }

        return new PortfolioCurve(EquityCurve.FromReturns(exposure, net), held, traded);
    }

    private static double[] Checked(IReadOnlyList<double> target, int symbols, int candle)
    {
        if (target.Count != symbols || target.Any(w => !(w >= 0) || !double.IsFinite(w)) || target.Sum() > 1 + 1e-9)
        {
            throw new ArgumentException($"The target weights at candle {candle} ({string.Join(", ", target)}) must be {symbols} finite weights >= 0 summing to at most 1.", nameof(target));
        }

        return [.. target];
    }
}

/// <summary>
/// A portfolio's equity curve (its positions are the invested fraction, sum w_t), the weights held over each candle,
/// and the weight traded at each (sum |change|, 0 between rebalances).
/// </summary>
public sealed record PortfolioCurve(EquityCurve Curve, IReadOnlyList<double[]> Weights, IReadOnlyList<double> Traded)
{
    /// <summary>
    /// <see cref="PerformanceMetrics"/> of the curve, with trades counted as candles where weight was traded and
    /// turnover as the weight traded (the invested fraction drifts every candle, which is not a trade).
    /// </summary>
    public PerformanceMetrics Metrics(double periodsPerYear) => PerformanceMetrics.Compute(Curve, periodsPerYear) with
    {
        Trades = Traded.Count(c => c > 0),
        Turnover = Traded.Sum(),
    };

    /// <summary>Mean weight of each symbol over the candles.</summary>
    public double[] MeanWeights() =>
        Weights.Count == 0 ? [] : Enumerable.Range(0, Weights[0].Length).Select(i => Weights.Average(w => w[i])).ToArray();
}
