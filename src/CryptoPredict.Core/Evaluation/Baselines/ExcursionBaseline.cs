namespace CryptoPredict.Core.Evaluation.Baselines;

/// <summary>
/// The next candle's high (or low) as the last close times one plus the trailing median excursion, e_k = high_k /
/// close_{k-1} − 1 (or low_k / close_{k-1} − 1), over the last <see cref="Window"/> candles up to and including the
/// end row t (fewer at the start of the series). The window is chosen among <see cref="CandidateWindows"/> by the
/// lowest MAE on the training part's samples (<see cref="Choose"/>): a day, a week and a month of hourly candles, and
/// a quarter day, so one rule serves fast and slow markets without looking at the test part.
/// </summary>
public sealed record ExcursionBaseline(bool IsHigh, int Window)
{
    public static IReadOnlyList<int> CandidateWindows { get; } = [6, 24, 168, 720];

    public string Name => FormattableString.Invariant($"median_excursion_{Window}");

    /// <summary>e_k per row (NaN at row 0): the candle's high or low relative to the previous close.</summary>
    public static double[] Excursions(ReadOnlySpan<double> extremes, ReadOnlySpan<double> closes)
    {
        if (extremes.Length != closes.Length)
        {
            throw new ArgumentException($"{extremes.Length} highs or lows but {closes.Length} closes.", nameof(extremes));
        }

        var result = new double[closes.Length];
        if (result.Length > 0)
        {
            result[0] = double.NaN;
        }

        for (var k = 1; k < closes.Length; k++)
        {
            result[k] = (extremes[k] / closes[k - 1]) - 1;
        }

        return result;
    }

    /// <summary>close_t · (1 + median(e over the window ending at t)) per end row (each at least 1); reads rows up to t only.</summary>
    public double[] Forecast(ReadOnlySpan<double> excursions, ReadOnlySpan<double> closes, IReadOnlyList<int> endRows)
    {
        ArgumentNullException.ThrowIfNull(endRows);
        var medians = TrailingMedians(excursions, Window, endRows.Count == 0 ? 0 : endRows.Max());
        var result = new double[endRows.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var t = endRows[i];
            result[i] = closes[t] * (1 + medians[t]);
        }

        return result;
    }

    /// <summary>
    /// The candidate window with the lowest MAE of <see cref="Forecast"/> against <paramref name="actual"/> on the training
    /// samples ending at <paramref name="trainEndRows"/>; the shorter window on a tie.
    /// </summary>
    public static ExcursionBaseline Choose(bool isHigh, ReadOnlySpan<double> excursions, ReadOnlySpan<double> closes, IReadOnlyList<int> trainEndRows, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(trainEndRows);
        ArgumentNullException.ThrowIfNull(actual);
        if (trainEndRows.Count == 0 || trainEndRows.Count != actual.Count)
        {
            throw new ArgumentException($"choosing the excursion window needs training samples with their actual values ({trainEndRows.Count} rows, {actual.Count} values).", nameof(actual));
        }

        ExcursionBaseline? best = null;
        var bestMae = double.PositiveInfinity;
        foreach (var window in CandidateWindows)
        {
            var candidate = new ExcursionBaseline(isHigh, window);
            var forecast = candidate.Forecast(excursions, closes, trainEndRows);
            var mae = 0.0;
            for (var i = 0; i < forecast.Length; i++)
            {
                mae += Math.Abs(actual[i] - forecast[i]);
            }

            mae /= forecast.Length;
            if (mae < bestMae)
            {
                (best, bestMae) = (candidate, mae);
            }
        }

        return best!;
    }

    /// <summary>
    /// Share of samples whose actual extreme reached the forecast one (actual high ≥ forecast high, actual low ≤ forecast
    /// low): how often the forecast excursion was hit, about 0.5 for a median forecast. The sign of a high against the
    /// last close is almost always up, so directional accuracy says nothing here.
    /// </summary>
    public static double HitRate(bool isHigh, ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        EvaluationGuard.RequireSameLength(actual.Length, predicted.Length, nameof(predicted));
        if (actual.IsEmpty)
        {
            return double.NaN;
        }

        var hits = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (isHigh ? actual[i] >= predicted[i] : actual[i] <= predicted[i])
            {
                hits++;
            }
        }

        return (double)hits / actual.Length;
    }

    /// <summary>medians[t] over e_{max(1, t-W+1)}..e_t for t = 1..last, with one sorted window updated per row.</summary>
    private static double[] TrailingMedians(ReadOnlySpan<double> excursions, int window, int last)
    {
        var medians = new double[last + 1];
        medians[0] = double.NaN;
        var sorted = new List<double>(window + 1);
        for (var t = 1; t <= last; t++)
        {
            Insert(sorted, excursions[t]);
            if (t - window >= 1)
            {
                sorted.RemoveAt(sorted.BinarySearch(excursions[t - window]));
            }

            var n = sorted.Count;
            medians[t] = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        }

        return medians;
    }

    private static void Insert(List<double> sorted, double value)
    {
        var at = sorted.BinarySearch(value);
        sorted.Insert(at >= 0 ? at : ~at, value);
    }
}
