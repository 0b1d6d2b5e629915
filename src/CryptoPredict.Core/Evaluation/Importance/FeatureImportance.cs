namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// How much skill the model loses when one feature column is shuffled across the scored samples, over the repeats:
/// the MAE increase (regressors; averaged over the targets) or the accuracy drop (the regime classifier). Above 0
/// the model uses the column; around 0 (within its spread) it ignores it.
/// </summary>
/// <param name="Feature">The column's name.</param>
/// <param name="Mean">Mean skill loss over the repeats.</param>
/// <param name="StandardDeviation">Sample standard deviation over the repeats (0 with one repeat).</param>
/// <param name="Minimum">The smallest loss of a repeat.</param>
/// <param name="Maximum">The largest loss of a repeat.</param>
/// <param name="Losses">Each repeat's loss, in order.</param>
public sealed record FeatureImportance(string Feature, double Mean, double StandardDeviation, double Minimum, double Maximum, IReadOnlyList<double> Losses)
{
    public static FeatureImportance Of(string feature, IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var mean = losses.Average();
        var spread = losses.Count > 1 ? Math.Sqrt(losses.Sum(l => (l - mean) * (l - mean)) / (losses.Count - 1)) : 0;
        return new FeatureImportance(feature, mean, spread, losses.Min(), losses.Max(), losses.ToArray());
    }
}

/// <summary>
/// The permutation importance of every feature column of a model on its scored samples, most important first.
/// </summary>
/// <param name="Metric">What the losses are of: <c>mae</c> (its increase) or <c>accuracy</c> (its drop).</param>
/// <param name="Score">The metric on the unshuffled samples.</param>
/// <param name="Repeats">Shuffles per column.</param>
/// <param name="Seed">Seed of the shuffles: the same seed gives the same result.</param>
/// <param name="Features">Per column, sorted by mean loss, largest first (ties by name).</param>
public sealed record PermutationImportanceResult(string Metric, double Score, int Repeats, long Seed, IReadOnlyList<FeatureImportance> Features);
