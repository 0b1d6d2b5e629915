using System.Text.Json;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// One published version of a run, loaded once (weights verified against its manifest) and shared by every request
/// and inference thread until a newer version replaces it. <see cref="Extras"/> holds the optional fields of
/// model.json this build does not model itself (<c>test_metrics</c>, <c>source_interval</c>), passed through as written.
/// </summary>
/// For an ensemble <see cref="Ensemble"/> is set, <see cref="Bundle"/> is its first member and <see cref="Candles"/> the
/// most any member needs.
internal sealed record ServedBundle(string RunName, ModelBundle Bundle, CandleRequirement Candles, IReadOnlyDictionary<string, JsonElement> Extras)
{
    public EnsembleBundle? Ensemble { get; init; }

    /// <summary>The bundles whose networks run: the members of an ensemble, else the bundle itself.</summary>
    public IReadOnlyList<ModelBundle> Networks => Ensemble?.Members ?? [Bundle];

    /// <summary>Optional model.json fields shown by GET /v1/models when a bundle has them.</summary>
    public static readonly string[] OptionalFields = ["test_metrics", "source_interval"];

    public string? Version => Ensemble?.Version ?? Bundle.Version;

    public static ServedBundle Load(string runName, string runDirectory)
    {
        if (EnsembleBundle.IsEnsemble(runDirectory))
        {
            var ensemble = EnsembleBundle.Load(runDirectory);
            var requirements = ensemble.Members.Select(CandleRequirement.Of).ToArray();
            // A member whose warm-up cannot be measured leaves the ensemble's unknown too; else the most any member needs.
            var candles = requirements.Any(r => r.Minimum is null)
                ? requirements.First(r => r.Minimum is null)
                : requirements.MaxBy(r => r.Minimum)!;
            // ensemble.json holds the mean's test_metrics, the ensemble's own figures (not its first member's).
            return new ServedBundle(runName, ensemble.Members[0], candles, ReadOptionalFields(ensemble.DescriptionPath)) { Ensemble = ensemble };
        }

        var bundle = ModelBundle.Load(runDirectory);
        return new ServedBundle(runName, bundle, CandleRequirement.Of(bundle), ReadOptionalFields(bundle.DescriptionPath));
    }

    /// <summary>A version folder never changes once published, so reading its model.json again sees what Load verified.</summary>
    private static Dictionary<string, JsonElement> ReadOptionalFields(string descriptionPath)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(descriptionPath));
            foreach (var name in OptionalFields)
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    fields[name] = value.Clone();
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // The bundle itself loaded; these fields are only shown, so a bundle of an earlier build without them is served as it is.
        }

        return fields;
    }
}
