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
}
