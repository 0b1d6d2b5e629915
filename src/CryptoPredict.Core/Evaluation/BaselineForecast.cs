namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// A baseline's per-sample forecasts, in the target's units. <paramref name="Family"/> names the rule without its fitted
/// setting (<c>median_excursion</c> for <c>median_excursion_24</c>), so walk-forward folds that fitted different
/// settings still pool as one baseline.
/// </summary>
public sealed record BaselineForecast(string Name, string Family, IReadOnlyList<double> Values)
{
    public BaselineForecast(string name, IReadOnlyList<double> values)
        : this(name, name, values)
    {
    }

    /// <summary>
    /// Its MAE on the bundle's validation part, where the strongest baseline is chosen (<see cref="RegressionComparison.Strongest"/>);
    /// NaN when the candles hold no validation sample.
    /// </summary>
    public double ValidationMae { get; init; } = double.NaN;

    public bool Equals(BaselineForecast? other) =>
        other is not null && Name == other.Name && Family == other.Family && Values.SequenceEqual(other.Values) && ValidationMae.Equals(other.ValidationMae);

    public override int GetHashCode() => HashCode.Combine(Name, Family, Values.Count, ValidationMae);
}
