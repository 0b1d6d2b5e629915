using System.Globalization;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// Thresholds to try, <c>START:END:COUNT</c> on the command line: COUNT values evenly spaced from START to END, both
/// included (0.0005:0.005:10 tries 0.0005, 0.001, ..., 0.005). The winner is chosen by Sharpe on the validation part
/// and only then run on the test part, so the reported figures were not picked on the candles they are measured on.
/// </summary>
public sealed record ThresholdSweep
{
    public const int MaxCount = 1000;

    public ThresholdSweep(double from, double to, int count)
    {
        if (!(from >= 0) || !double.IsFinite(from) || !(to > from) || !double.IsFinite(to))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, string.Create(CultureInfo.InvariantCulture, $"A sweep needs 0 <= START < END, finite; got {from}:{to}."));
        }

        if (count < 2 || count > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A sweep tries between 2 and {MaxCount} thresholds, got {count}.");
        }

        From = from;
        To = to;
        Count = count;
    }

    public double From { get; }

    public double To { get; }

    public int Count { get; }

    /// <summary>
    /// The thresholds, stepped in decimal so that the values typed come out as typed (0.0003 / 6 is 0.00005, not
    /// 4.9999999999999996e-05); the nearest double of each.
    /// </summary>
    public IReadOnlyList<double> Thresholds
    {
        get
        {
            var from = (decimal)From;
            var step = ((decimal)To - from) / (Count - 1);
            return Enumerable.Range(0, Count).Select(k => k == Count - 1 ? To : (double)(from + (step * k))).ToArray();
        }
    }

    /// <summary>START:END:COUNT; a <see cref="FormatException"/> that quotes the text and states the rule otherwise.</summary>
    public static ThresholdSweep Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        const string Rule = "use START:END:COUNT with 0 <= START < END (fractions) and COUNT from 2 to 1000, e.g. 0.0005:0.005:10";
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var from)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var to)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"'{text}' is not a sweep: {Rule}.");
        }

        if (!(from >= 0) || !double.IsFinite(from) || !(to > from) || !double.IsFinite(to) || count < 2 || count > MaxCount)
        {
            throw new FormatException($"'{text}' is not a sweep: {Rule}.");
        }

        return new ThresholdSweep(from, to, count);
    }

    /// <summary>
    /// Every threshold's validation Sharpe and the best one: the highest Sharpe, an undefined Sharpe (never in the
    /// market) ranking below every defined one, ties going to the smaller threshold.
    /// </summary>
    public SweepChoice Choose(ModelForecasts validation, bool longOnly, TradingCosts costs)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(costs);
        var priceReturns = validation.PriceReturns();
        var candidates = new List<SweepCandidate>(Count);
        SweepCandidate? best = null;
        foreach (var threshold in Thresholds)
        {
            var positions = new ThresholdRule(threshold, longOnly).Positions(validation);
            var curve = EquityCurve.Simulate(priceReturns, positions, costs.PerUnitTurnover);
            var candidate = new SweepCandidate(threshold, PerformanceMetrics.Compute(curve, validation.PeriodsPerYear));
            candidates.Add(candidate);
            if (best is null || Better(candidate.Metrics.Sharpe, best.Metrics.Sharpe))
            {
                best = candidate;
            }
        }

        return new SweepChoice(this, best!, candidates, validation.Times[0], validation.Times[^1], validation.Count);
    }

    private static bool Better(double sharpe, double best) =>
        !double.IsNaN(sharpe) && (double.IsNaN(best) || sharpe > best);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{From}:{To}:{Count}");
}

/// <summary>One threshold of a sweep and its figures on the validation part.</summary>
public sealed record SweepCandidate(double Threshold, PerformanceMetrics Metrics);

/// <summary>The threshold a sweep chose on the validation part (candles <paramref name="From"/> .. <paramref name="To"/>), with every candidate's figures.</summary>
public sealed record SweepChoice(ThresholdSweep Sweep, SweepCandidate Chosen, IReadOnlyList<SweepCandidate> Candidates, DateTime From, DateTime To, int Candles);
