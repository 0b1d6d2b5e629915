namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Point-forecast errors of one target over a set of samples. A metric that is undefined for the
/// samples given is <see cref="double.NaN"/>, never a made-up number; reports show it as "n/a".
/// </summary>
/// <param name="Samples">Number of samples the metrics cover.</param>
/// <param name="Mae">Mean absolute error, mean |actual - predicted|.</param>
/// <param name="Rmse">Root mean squared error, sqrt(mean (actual - predicted)^2).</param>
/// <param name="Mape">
/// Mean absolute percentage error in percent, 100 * mean |actual - predicted| / |actual|, over the
/// samples whose actual value is not zero (a zero actual has no relative error and is skipped, as
/// <see cref="MapeSamples"/> shows); NaN when every actual is zero. Only meaningful for values far from
/// zero, such as prices; on log returns it is dominated by near-zero actuals.
/// </param>
/// <param name="MapeSamples">How many samples <see cref="Mape"/> averages (those with a non-zero actual).</param>
/// <param name="R2">
/// Coefficient of determination, 1 - SSres / SStot with SStot = sum (actual - mean actual)^2. It can be
/// negative (worse than predicting the mean). NaN when SStot is zero (every actual the same, or one sample),
/// where the ratio is undefined; scikit-learn would report 1 or 0 there instead.
/// </param>
/// <param name="DirectionalAccuracy">
/// Fraction of samples where sign(predicted - reference) == sign(actual - reference), the reference being the
/// last value known at forecast time (e.g. the last close, or 0 for a log-return target). The sign is
/// three-valued (-1, 0, +1) and compared exactly: a sample whose actual value equals the reference (no move)
/// counts as correct only when the forecast also equals the reference, and a forecast equal to the reference
/// is wrong whenever the actual moved. Every sample stays in the denominator, so the persistence forecast
/// scores exactly the share of samples that did not move.
/// </param>
public sealed record RegressionMetrics(
    int Samples,
    double Mae,
    double Rmse,
    double Mape,
    int MapeSamples,
    double R2,
    double DirectionalAccuracy)
{
    /// <summary>
    /// For a next high or low, the share of samples whose actual extreme reached the forecast one
    /// (<see cref="Baselines.ExcursionBaseline.HitRate"/>); NaN for other targets.
    /// </summary>
    public double HitRate { get; init; } = double.NaN;

    /// <summary>
    /// Metrics of <paramref name="predicted"/> against <paramref name="actual"/>; <paramref name="reference"/> is the
    /// last known value per sample, used for <see cref="DirectionalAccuracy"/>. The three spans must have the same
    /// length and hold finite values. With no samples every metric is NaN.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ or a value is NaN or infinite.</exception>
    public static RegressionMetrics Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, ReadOnlySpan<double> reference)
    {
        EvaluationGuard.RequireSameLength(actual.Length, predicted.Length, nameof(predicted));
        EvaluationGuard.RequireSameLength(actual.Length, reference.Length, nameof(reference));
        EvaluationGuard.RequireFinite(actual, nameof(actual));
        EvaluationGuard.RequireFinite(predicted, nameof(predicted));
        EvaluationGuard.RequireFinite(reference, nameof(reference));

        var n = actual.Length;
        if (n == 0)
        {
            return new RegressionMetrics(0, double.NaN, double.NaN, double.NaN, 0, double.NaN, double.NaN);
        }

        var absolute = 0.0;
        var squared = 0.0;
        var percentage = 0.0;
        var percentageSamples = 0;
        var sameDirection = 0;
        var actualSum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var error = actual[i] - predicted[i];
            absolute += Math.Abs(error);
            squared += error * error;
            if (actual[i] != 0)
            {
                percentage += Math.Abs(error / actual[i]);
                percentageSamples++;
            }

            if (Math.Sign(predicted[i] - reference[i]) == Math.Sign(actual[i] - reference[i]))
            {
                sameDirection++;
            }

            actualSum += actual[i];
        }

        var mean = actualSum / n;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var deviation = actual[i] - mean;
            total += deviation * deviation;
        }

        return new RegressionMetrics(
            n,
            absolute / n,
            Math.Sqrt(squared / n),
            percentageSamples == 0 ? double.NaN : 100.0 * percentage / percentageSamples,
            percentageSamples,
            total > 0 ? 1.0 - (squared / total) : double.NaN,
            (double)sameDirection / n);
    }

    /// <summary>
    /// Theil's U as this toolkit defines it: RMSE(predicted) / RMSE(persistence), where the persistence forecast
    /// of each sample is its <paramref name="reference"/> (the last known value). U &lt; 1 means the forecast beats
    /// the naive "nothing changes" forecast, U = 1 ties it, U &gt; 1 loses to it. This is Theil's U2 in absolute
    /// rather than relative terms. NaN when the persistence RMSE is zero (no sample moved) or there are no samples.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ or a value is NaN or infinite.</exception>
    public static double TheilU(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, ReadOnlySpan<double> reference)
    {
        EvaluationGuard.RequireSameLength(actual.Length, predicted.Length, nameof(predicted));
        EvaluationGuard.RequireSameLength(actual.Length, reference.Length, nameof(reference));
        EvaluationGuard.RequireFinite(actual, nameof(actual));
        EvaluationGuard.RequireFinite(predicted, nameof(predicted));
        EvaluationGuard.RequireFinite(reference, nameof(reference));

        var model = 0.0;
        var persistence = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = actual[i] - predicted[i];
            var move = actual[i] - reference[i];
            model += error * error;
            persistence += move * move;
        }

        // The sample count cancels in the ratio of the two RMSEs.
        return persistence > 0 ? Math.Sqrt(model / persistence) : double.NaN;
    }
}
