using System.Globalization;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// The optional <c>training.quantiles</c> and <c>training.horizons</c> of a <c>model.json</c>: absent in bundles of
/// earlier builds and of runs without them; when present, a list the architecture takes, by the rules of
/// <see cref="ForecastHeadSettings"/>, and the horizons' farthest is <c>training.horizon</c>.
/// </summary>
internal static class ForecastHeadsField
{
    public static (string Field, string Message)? Problem(TrainingConfiguration training, ModelArchitecture architecture)
    {
        if (training.Quantiles is { } quantiles)
        {
            if (!architecture.SupportsQuantiles)
            {
                return ("training.quantiles", $"is {List(quantiles.Select(Text))}; {architecture.Name} has no quantile heads");
            }

            if (ForecastHeadSettings.QuantileProblem(quantiles) is { } problem)
            {
                return ("training.quantiles", $"is {List(quantiles.Select(Text))}: {problem}");
            }
        }

        if (training.Horizons is { } horizons)
        {
            if (!architecture.SupportsHorizons)
            {
                return ("training.horizons", $"is {List(horizons.Select(Text))}; {architecture.Name} has no multi-horizon heads");
            }

            if (ForecastHeadSettings.HorizonProblem(horizons) is { } problem)
            {
                return ("training.horizons", $"is {List(horizons.Select(Text))}: {problem}");
            }

            if (horizons[^1] != training.Horizon)
            {
                return ("training.horizons", $"is {List(horizons.Select(Text))}, but 'training.horizon' is {Text(training.Horizon)}; it must be the farthest horizon");
            }
        }

        return null;
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
