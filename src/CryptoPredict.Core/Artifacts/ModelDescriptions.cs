using CryptoPredict.Core.Models;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Artifacts;

/// <summary>Builds the <see cref="ModelDescription"/> of a finished training run.</summary>
public static class ModelDescriptions
{
    public static ModelDescription FromTraining(TrainingData data, TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(state);
        var configuration = data.Configuration;
        var features = data.Dataset.Features.ColumnCount;
        long parameters;
        int outputs;
        string network;
        using (var probe = data.Architecture.Create(features, data.Heads))
        {
            parameters = probe.ParameterCount();
            outputs = probe.Outputs;
            network = probe.NetworkName;
        }

        var split = data.Split;
        var dataset = data.Dataset;
        return new ModelDescription
        {
            Architecture = new ArchitectureDescription(data.Architecture.Name, data.Architecture.Kind.ToString().ToLowerInvariant(), network, features, outputs, parameters),
            Symbol = configuration.Symbol,
            Interval = configuration.Interval,
            Features = configuration.Features,
            FeatureColumns = dataset.Features.ColumnNames.ToArray(),
            Window = configuration.Window,
            Horizon = configuration.Horizon,
            Targets = dataset.Targets.ColumnNames.ToArray(),
            RegimeThreshold = configuration.RegimeThreshold,
            FeatureScaler = JsonElement(data.FeatureScaler.ToJson()),
            TargetScaler = JsonElement(data.TargetScaler.ToJson()),
            TrainingData = data.Fingerprint,
            Split = new SplitDescription(
                split.Train.Count,
                split.Validation.Count,
                split.Test.Count,
                dataset.EndTime(split.Train[0]),
                dataset.EndTime(split.Train[^1]),
                dataset.EndTime(split.Validation[0]),
                dataset.EndTime(split.Validation[^1]),
                dataset.EndTime(split.Test[0]),
                dataset.EndTime(split.Test[^1])),
            TrainClassCounts = data.ClassCounts,
            Metrics = new TrainingMetrics(state.History.Count, state.BestEpoch, state.BestValidationLoss, state.EarlyStopped, state.History),
            Training = configuration,
            LibTorchVersion = Torch.Torch.LibTorchVersion.ToString(),
            CreatedUtc = DateTime.UtcNow,
            WeightsFile = ModelBundle.WeightsFileName,
            WeightsSha256 = "",
            DriftReference = Drift.DriftReference.Build(split),
        };
    }

    private static System.Text.Json.JsonElement JsonElement(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
