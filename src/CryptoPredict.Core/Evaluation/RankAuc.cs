namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Area under the ROC curve by the Mann–Whitney U statistic: AUC = (R+ - P(P+1)/2) / (P N), where R+ is the sum of the
/// positives' ranks among all scores (ascending, 1-based, tied scores sharing their average rank). It is the probability
/// that a random positive scores above a random negative, a tie counting one half.
/// </summary>
internal static class RankAuc
{
    /// <returns>The AUC, or NaN when there are no positives or no negatives.</returns>
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        var n = scores.Length;
        var positives = 0;
        foreach (var p in positive)
        {
            positives += p ? 1 : 0;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var order = new int[n];
        var keys = scores.ToArray();
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        var positiveRankSum = 0.0;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            // Ranks start + 1 .. end share their mean.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                if (positive[order[k]])
                {
                    positiveRankSum += rank;
                }
            }

            start = end;
        }

        return (positiveRankSum - (positives * (positives + 1.0) / 2.0)) / ((double)positives * negatives);
    }
}
