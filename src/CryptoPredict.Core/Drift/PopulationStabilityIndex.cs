namespace CryptoPredict.Core.Drift;

/// <summary>
/// The Population Stability Index of a binned distribution against a reference one:
/// PSI = sum over the bins of (a - e) ln(a / e), with e the reference's fraction of a bin and a the new data's. An
/// empty bin would make ln(a / e) infinite, so both fractions are floored at <see cref="FractionFloor"/> first (the
/// usual credit-scoring convention); PSI is 0 for equal fractions and grows without bound as they part. Common reading:
/// below 0.1 stable, 0.1 to 0.2 a moderate shift, above 0.2 a significant one.
/// </summary>
public static class PopulationStabilityIndex
{
    public const double FractionFloor = 1e-4;

    /// <summary>PSI of <paramref name="actualCounts"/> against <paramref name="expectedCounts"/>, bin by bin.</summary>
    public static double FromCounts(IReadOnlyList<int> expectedCounts, IReadOnlyList<int> actualCounts)
    {
        var (expected, actual) = Binned.Fractions(expectedCounts, actualCounts);
        return FromFractions(expected, actual);
    }

    /// <summary>PSI of two distributions over the same bins, as fractions (each summing to 1).</summary>
    public static double FromFractions(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Binned.RequireSameBins(expected, actual);
        var psi = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var e = Math.Max(expected[i], FractionFloor);
            var a = Math.Max(actual[i], FractionFloor);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }
}
