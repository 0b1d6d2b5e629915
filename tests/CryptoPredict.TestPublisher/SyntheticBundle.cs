using System.Globalization;
using System.Text;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Training;

namespace CryptoPredict.TestPublisher;

/// <summary>
/// Valid bundle versions made without training: the close-only LSTM's description with a creation time that encodes
/// the version's index, and weights that spell the same index. A reader that gets one version whole sees the same
/// index in both; a mix of two versions shows two. (The weights are not a module state; only Load reads them.)
/// </summary>
public static class SyntheticBundle
{
    public const string Symbol = "BTCUSDT";
    public const string Interval = "1h";
    public const int Window = 16;

    private const string WeightsPrefix = "synthetic weights #";

    public static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static ModelDescription Description(int index)
    {
        var architecture = ModelCatalog.Get("lstm");
        string[] columns = ["close"];
        var targets = architecture.Targets(1).Specs.Select(s => s.Name).ToArray();
        var first = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return new ModelDescription
        {
            Architecture = new ArchitectureDescription(architecture.Name, "close", "LstmCloseModel", columns.Length, targets.Length, 30_651),
            Symbol = Symbol,
            Interval = Interval,
            Features = "close",
            FeatureColumns = columns,
            Window = Window,
            Horizon = 1,
            Targets = targets,
            RegimeThreshold = RegimeTarget.DefaultThreshold,
            FeatureScaler = Json(new FeatureScaler(ScalerKind.MinMax, columns, [7000.0], [3000.0]).ToJson()),
            TargetScaler = Json(new FeatureScaler(ScalerKind.Standard, targets, [0.0], [0.01]).ToJson()),
            TrainingData = new DataFingerprint(new string('a', 64), first, first.AddHours(999), 1000),
            Split = new SplitDescription(
                700, 120, 120, first.AddHours(15), first.AddHours(700), first.AddHours(720), first.AddHours(840), first.AddHours(860), first.AddHours(998)),
            Metrics = new TrainingMetrics(1, 1, 0.5, false, []),
            Training = TrainingConfiguration.For(architecture, Symbol, Interval) with { Window = Window },
            LibTorchVersion = "1.13.1",
            CreatedUtc = Epoch.AddSeconds(index),
            WeightsFile = ModelBundle.WeightsFileName,
            WeightsSha256 = "",
        };
    }

    public static byte[] Weights(int index) => Encoding.UTF8.GetBytes(WeightsPrefix + index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Publishes version <paramref name="index"/> into <paramref name="runDirectory"/>; returns its folder.</summary>
    public static string Publish(string runDirectory, int index) => ModelBundle.Publish(runDirectory, Description(index), Weights(index));

    /// <summary>The index of a loaded synthetic version; throws when its description and weights are of different versions.</summary>
    public static int IndexOf(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var fromDescription = (int)(bundle.Description.CreatedUtc - Epoch).TotalSeconds;
        var text = Encoding.UTF8.GetString(bundle.Weights);
        var fromWeights = text.StartsWith(WeightsPrefix, StringComparison.Ordinal)
            ? int.Parse(text[WeightsPrefix.Length..], CultureInfo.InvariantCulture)
            : -1;
        return fromDescription == fromWeights
            ? fromDescription
            : throw new InvalidOperationException($"'{bundle.Directory}' pairs the description of version {fromDescription} with the weights of {fromWeights}.");
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
