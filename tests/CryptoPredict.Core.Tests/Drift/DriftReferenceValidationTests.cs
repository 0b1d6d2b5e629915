using System.Text;
using System.Text.Json.Nodes;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Drift;
using CryptoPredict.Core.Training;
using CryptoPredict.TestPublisher;

namespace CryptoPredict.Core.Tests.Drift;

/// <summary>
/// A drift_reference edited by hand (in a bundle of the old layout, which has no manifest to catch the edit) is refused
/// at Load naming the file and the field, like every other field of model.json; a bundle without one still loads.
/// </summary>
public sealed class DriftReferenceValidationTests : IDisposable
{
    private readonly string _run = Path.Combine(Directory.CreateTempSubdirectory("cp-drift-validate-").FullName, "BTCUSDT_1h_lstm");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_run)!, recursive: true);

    private string File => Path.Combine(_run, ModelBundle.DescriptionFileName);

    private void WriteBundle(DriftReference? reference)
    {
        Directory.CreateDirectory(_run);
        var weights = SyntheticBundle.Weights(0);
        var description = SyntheticBundle.Description(0) with { WeightsSha256 = BundleManifest.Sha256(weights), DriftReference = reference };
        System.IO.File.WriteAllBytes(File, Encoding.UTF8.GetBytes(ArtifactJson.Serialize(description)));
        System.IO.File.WriteAllBytes(Path.Combine(_run, ModelBundle.WeightsFileName), weights);
    }

    private static DriftReference Reference()
    {
        var from = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var closes = Enumerable.Range(0, 700).Select(i => 7000.0 + (i % 97 * 10)).ToArray();
        var returns = Enumerable.Range(0, 690).Select(i => ((i % 41) - 20) / 1000.0).ToArray();
        return new DriftReference(from, from.AddHours(699), [ColumnReference.Of("close", closes)], [ColumnReference.Of("close_h1", returns)]);
    }

    [Fact]
    public void A_valid_reference_loads_and_a_bundle_without_one_loads_too()
    {
        WriteBundle(Reference());
        var loaded = ModelBundle.Load(_run).Description.DriftReference!;
        loaded.Features.Single().Counts.Should().Equal(Reference().Features[0].Counts);
        loaded.Targets.Single().Sample.Should().Equal(Reference().Targets[0].Sample);

        WriteBundle(null);
        ModelBundle.Load(_run).Description.DriftReference.Should().BeNull();
    }

    [Theory]
    [InlineData("features", "[]", "drift_reference.features' names []; must be the feature_columns [close], in order")]
    [InlineData("features.0.name", "\"open\"", "drift_reference.features' names [open]; must be the feature_columns [close]")]
    [InlineData("targets.0.name", "\"close_h2\"", "drift_reference.targets' names [close_h2]; must be the targets [close_h1]")]
    [InlineData("targets", "null", "drift_reference.targets' is missing")]
    [InlineData("features.0.rows", "0", "drift_reference.features[0].rows' is 0")]
    [InlineData("features.0.min", "\"NaN\"", "drift_reference.features[0]' has min NaN and max 7960")]
    [InlineData("features.0.max", "1", "drift_reference.features[0]' has min 7000 and max 1")]
    [InlineData("features.0.edges.3", "7000", "drift_reference.features[0].edges[3]' is 7000; edges must be finite, strictly increasing")]
    [InlineData("features.0.edges.8", "\"Infinity\"", "drift_reference.features[0].edges[8]' is Infinity")]
    [InlineData("features.0.edges.0", "-5", "drift_reference.features[0].edges[0]' is -5; edges must be finite, strictly increasing and within min..max")]
    [InlineData("features.0.counts.0", "1", "drift_reference.features[0].counts' is [1, ")]
    [InlineData("features.0.counts", "[700]", "drift_reference.features[0].counts' is [700]; must be 10 counts >= 0 (one per bin) summing to rows (700)")]
    [InlineData("targets.0.sample.5", "99", "drift_reference.targets[0].sample[5]' is 99; the sample must be finite, sorted and within min..max")]
    [InlineData("targets.0.sample", "[]", "drift_reference.targets[0].sample' has 0 values; must have 1 to 690")]
    [InlineData("from", "\"2030-01-01T00:00:00Z\"", "drift_reference' runs from 2030-01-01")]
    public void A_bad_field_is_refused_naming_the_file_and_the_field(string field, string json, string expected)
    {
        WriteBundle(Reference());
        var root = JsonNode.Parse(System.IO.File.ReadAllText(File))!.AsObject();
        var path = field.Split('.');
        JsonNode parent = root["drift_reference"]!;
        foreach (var step in path[..^1])
        {
            parent = int.TryParse(step, out var index) ? parent[index]! : parent[step]!;
        }

        if (int.TryParse(path[^1], out var last))
        {
            parent[last] = JsonNode.Parse(json);
        }
        else
        {
            parent[path[^1]] = JsonNode.Parse(json);
        }

        System.IO.File.WriteAllText(File, root.ToJsonString());

        var act = () => ModelBundle.Load(_run);

        act.Should().Throw<ModelBundleException>().WithMessage($"'{File}': field '{expected}*");
    }
}
