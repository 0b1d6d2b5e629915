using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Training;

/// <summary>
/// The model part of an ensemble's run name: <c>MODEL-xN</c> for N seeds of one architecture (<c>lstm-x5</c>),
/// <c>ensemble-A-B</c> for several architectures (<c>ensemble-lstm-cnn-lstm-attn</c>). Predict and evaluate take it as
/// <c>--model</c>.
/// </summary>
public static class EnsembleNames
{
    public const string Prefix = "ensemble-";

    public static string For(IReadOnlyList<string> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count is < EnsembleBundle.MinimumMembers or > EnsembleBundle.MaximumMembers)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"An ensemble has {EnsembleBundle.MinimumMembers} to {EnsembleBundle.MaximumMembers} members; {models.Count} were asked for."));
        }

        var name = models.Distinct().Count() == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{models[0]}-x{models.Count}")
            : Prefix + string.Join('-', models);
        return RunPaths.IsValidModelName(name)
            ? name
            : throw new ArgumentException($"The ensemble's name '{name}' is longer than 40 characters; use fewer or shorter models.");
    }

    /// <summary>Whether <paramref name="model"/> is an ensemble's name rather than a catalog model's.</summary>
    public static bool IsEnsembleName(string? model)
    {
        if (model is null || !RunPaths.IsValidModelName(model) || ModelCatalog.TryGet(model, out _))
        {
            return false;
        }

        if (model.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return true;
        }

        var x = model.LastIndexOf("-x", StringComparison.Ordinal);
        return x > 0 && int.TryParse(model.AsSpan(x + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= EnsembleBundle.MinimumMembers && ModelCatalog.TryGet(model[..x], out _);
    }
}
