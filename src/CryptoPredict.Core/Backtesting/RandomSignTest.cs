namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// How likely the strategy's Sharpe is under luck alone. The null strategies take the same bets at the same times
/// with a coin-flip direction: the strategy's positions are cut into holdings (runs of candles with a position of the
/// same sign), and each random strategy gives every holding a random sign, keeping |position| candle by candle. So
/// exposure, the number of holdings and their sizes are the strategy's own, costs are charged the same way, and only
/// the direction carries no information. p = (1 + #{random Sharpe >= strategy Sharpe}) / (1 + N), the add-one estimate
/// that is never 0. Draws come from SplitMix64 seeded by <see cref="Seed"/>, so a seed gives the same p-value on every
/// machine and .NET version. A strategy with a single holding (always long, say) has only two sign patterns: its
/// p-value is about 0.5 or 1, the honest answer for one bet.
/// </summary>
public sealed record RandomSignTest
{
    public const int DefaultStrategies = 1000;

    public const long DefaultSeed = 42;

    public RandomSignTest(int strategies, long seed)
    {
        if (strategies < 1 || strategies > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(strategies), strategies, $"The test draws between 1 and 1000000 random strategies, got {strategies}.");
        }

        Strategies = strategies;
        Seed = seed;
    }

    public static RandomSignTest Default { get; } = new(DefaultStrategies, DefaultSeed);

    /// <summary>N, the number of random-sign strategies drawn.</summary>
    public int Strategies { get; }

    public long Seed { get; }

    /// <summary>
    /// The p-value of <paramref name="positions"/> over <paramref name="priceReturns"/>; NaN when the strategy never
    /// holds a position or its Sharpe is undefined.
    /// </summary>
    public double PValue(IReadOnlyList<double> priceReturns, IReadOnlyList<double> positions, double costPerUnit, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(priceReturns);
        ArgumentNullException.ThrowIfNull(positions);
        var observed = PerformanceMetrics.SharpeOf(EquityCurve.Simulate(priceReturns, positions, costPerUnit).Returns, periodsPerYear);
        var holdings = Holdings(positions);
        if (double.IsNaN(observed) || holdings.Max() < 0)
        {
            return double.NaN;
        }

        var state = unchecked((ulong)Seed * 0x9E3779B97F4A7C15UL);
        var count = holdings.Max() + 1;
        var signs = new double[count];
        var random = new double[positions.Count];
        var atLeast = 0;
        for (var k = 0; k < Strategies; k++)
        {
            for (var h = 0; h < count; h++)
            {
                signs[h] = (Next(ref state) & 1) == 0 ? 1 : -1;
            }

            for (var i = 0; i < random.Length; i++)
            {
                random[i] = holdings[i] < 0 ? 0 : signs[holdings[i]] * Math.Abs(positions[i]);
            }

            var sharpe = PerformanceMetrics.SharpeOf(EquityCurve.Simulate(priceReturns, random, costPerUnit).Returns, periodsPerYear);

            // An undefined random Sharpe (no variation) is not at least as good as a defined one.
            atLeast += sharpe >= observed ? 1 : 0;
        }

        return (1.0 + atLeast) / (1.0 + Strategies);
    }

    /// <summary>Per candle, the index of its holding (runs of positions of one sign), -1 where flat.</summary>
    private static int[] Holdings(IReadOnlyList<double> positions)
    {
        var holdings = new int[positions.Count];
        var current = -1;
        var sign = 0;
        for (var i = 0; i < positions.Count; i++)
        {
            var s = Math.Sign(positions[i]);
            if (s != 0 && s != sign)
            {
                current++;
            }

            holdings[i] = s == 0 ? -1 : current;
            sign = s;
        }

        return holdings.Length == 0 ? [-1] : holdings;
    }

    // SplitMix64, as the training shuffle uses: a fixed, documented generator instead of System.Random.
    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
