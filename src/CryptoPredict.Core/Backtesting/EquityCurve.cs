namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// The accounting of one strategy over the traded candles: per candle i,
/// <c>return_i = position_i * (close_i / close_{i-1} - 1) - cost * |position_i - position_{i-1}|</c>, with
/// position_{-1} = 0 (every strategy starts flat, so entering pays once; nothing is charged for a final exit),
/// and equity compounding from 1: <c>equity_i = equity_{i-1} * (1 + return_i)</c>.
/// </summary>
public sealed class EquityCurve
{
    private readonly double[] _positions;
    private readonly double[] _returns;
    private readonly double[] _equity;

    private EquityCurve(double[] positions, double[] returns, double[] equity)
    {
        _positions = positions;
        _returns = returns;
        _equity = equity;
    }

    public IReadOnlyList<double> Positions => _positions;

    /// <summary>Net returns per candle, costs included.</summary>
    public IReadOnlyList<double> Returns => _returns;

    /// <summary>Equity after each candle (the starting equity, 1, is not in the list).</summary>
    public IReadOnlyList<double> Equity => _equity;

    public int Count => _returns.Length;

    /// <param name="priceReturns">close_i / close_{i-1} - 1 per candle (<see cref="ModelForecasts.PriceReturns"/>).</param>
    /// <param name="positions">The position held over each candle.</param>
    /// <param name="costPerUnit">Fraction of equity paid per unit of position changed (<see cref="TradingCosts.PerUnitTurnover"/>).</param>
    public static EquityCurve Simulate(IReadOnlyList<double> priceReturns, IReadOnlyList<double> positions, double costPerUnit)
    {
        ArgumentNullException.ThrowIfNull(priceReturns);
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count != priceReturns.Count)
        {
            throw new ArgumentException($"There are {priceReturns.Count} candles but {positions.Count} positions; each candle needs one.", nameof(positions));
        }

        if (!(costPerUnit >= 0) || !double.IsFinite(costPerUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(costPerUnit), costPerUnit, "The cost per unit of turnover must be a finite fraction >= 0.");
        }

        var n = priceReturns.Count;
        var held = new double[n];
        var returns = new double[n];
        var equity = new double[n];
        var previous = 0.0;
        var value = 1.0;
        for (var i = 0; i < n; i++)
        {
            var position = positions[i];
            if (!double.IsFinite(position))
            {
                throw new ArgumentException($"positions[{i}] is {position}; a position must be a finite fraction of equity.", nameof(positions));
            }

            held[i] = position;
            returns[i] = (position * priceReturns[i]) - (costPerUnit * Math.Abs(position - previous));
            value *= 1 + returns[i];
            equity[i] = value;
            previous = position;
        }

        return new EquityCurve(held, returns, equity);
    }

    /// <summary>
    /// The curve of returns already net of costs, with the exposure held over each candle as its position: how a
    /// portfolio, whose costs come from several symbols' weight changes, reuses these figures
    /// (<see cref="Portfolio.PortfolioAccounting"/>).
    /// </summary>
    public static EquityCurve FromReturns(IReadOnlyList<double> exposures, IReadOnlyList<double> netReturns)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        ArgumentNullException.ThrowIfNull(netReturns);
        if (exposures.Count != netReturns.Count)
        {
            throw new ArgumentException($"There are {netReturns.Count} returns but {exposures.Count} exposures; each candle needs one.", nameof(exposures));
        }

        var equity = new double[netReturns.Count];
        var value = 1.0;
        for (var i = 0; i < equity.Length; i++)
        {
            if (!double.IsFinite(netReturns[i]) || !double.IsFinite(exposures[i]))
            {
                throw new ArgumentException($"Candle {i}: return {netReturns[i]}, exposure {exposures[i]}; both must be finite.", nameof(netReturns));
            }

            value *= 1 + netReturns[i];
            equity[i] = value;
        }

        return new EquityCurve([.. exposures], [.. netReturns], equity);
    }

    /// <summary>1 - equity / running peak after each candle, the starting equity of 1 counting as the first peak.</summary>
    public double[] Drawdowns()
    {
        var drawdowns = new double[_equity.Length];
        var peak = 1.0;
        for (var i = 0; i < _equity.Length; i++)
        {
            peak = Math.Max(peak, _equity[i]);
            drawdowns[i] = 1 - (_equity[i] / peak);
        }

        return drawdowns;
    }
}
