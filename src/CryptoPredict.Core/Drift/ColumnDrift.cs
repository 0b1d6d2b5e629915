namespace CryptoPredict.Core.Drift;

/// <summary>One input compared with its training reference.</summary>
/// <param name="Name">The feature column or target.</param>
/// <param name="Psi">Population Stability Index over the reference's decile bins (<see cref="PopulationStabilityIndex"/>).</param>
/// <param name="Ks">Two-sample Kolmogorov-Smirnov statistic D against the reference's sample (<see cref="KolmogorovSmirnov"/>).</param>
/// <param name="KsPValue">Its asymptotic p-value, with the reference's row count as its size.</param>
/// <param name="Js">Jensen-Shannon divergence of the binned distributions, in bits (<see cref="JensenShannon"/>).</param>
/// <param name="Drifted">Whether <paramref name="Psi"/> is above the check's threshold.</param>
/// <param name="Rows">How many values of the new candles were compared.</param>
/// <param name="ReferenceRows">How many training values the reference holds.</param>
public sealed record ColumnDrift(string Name, double Psi, double Ks, double KsPValue, double Js, bool Drifted, int Rows, int ReferenceRows)
{
    /// <summary>Compares <paramref name="values"/> (finite; sorted in place) with <paramref name="reference"/>.</summary>
    public static ColumnDrift Compare(ColumnReference reference, double[] values, double psiThreshold)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(values);
        Array.Sort(values);
        var counts = reference.CountInBins(values);
        var psi = PopulationStabilityIndex.FromCounts(reference.Counts, counts);
        var js = JensenShannon.FromCounts(reference.Counts, counts);
        var sample = reference.Sample as double[] ?? reference.Sample.ToArray();
        var ks = KolmogorovSmirnov.Statistic(sample, values);
        var p = KolmogorovSmirnov.PValue(ks, reference.Rows, values.Length);
        return new ColumnDrift(reference.Name, psi, ks, p, js, psi > psiThreshold, values.Length, reference.Rows);
    }
}
