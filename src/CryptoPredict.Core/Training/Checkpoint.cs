using CryptoPredict.Core.Features;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Serialization;

namespace CryptoPredict.Core.Training;

/// <summary>
/// Everything needed to continue a run exactly: configuration, trainer counters, current and best weights,
/// optimizer state, libtorch's generator states, scalers and the data fingerprint. Stored as one CPTSTATE file
/// (SHA-256 checked) whose nested states are kept as byte blobs.
/// </summary>
public sealed class Checkpoint
{
    public const string Kind = "checkpoint";
    public const int FormatVersion = 1;

    public required TrainingConfiguration Configuration { get; init; }

    public required TrainerState State { get; init; }

    public required DataFingerprint Data { get; init; }

    public required FeatureScaler FeatureScaler { get; init; }

    public required FeatureScaler TargetScaler { get; init; }

    /// <summary>Module state file bytes of the current weights.</summary>
    public required byte[] Weights { get; init; }

    /// <summary>Module state file bytes of the weights of the best epoch so far (equal to <see cref="Weights"/> before any epoch).</summary>
    public required byte[] BestWeights { get; init; }

    public required byte[] Optimizer { get; init; }

    public required byte[] CpuRng { get; init; }

    public byte[]? CudaRng { get; init; }

    /// <summary>This checkpoint with other trainer counters (an early-stopped run re-armed by --additional-epochs).</summary>
    public Checkpoint WithState(TrainerState state) => new()
    {
        Configuration = Configuration,
        State = state,
        Data = Data,
        FeatureScaler = FeatureScaler,
        TargetScaler = TargetScaler,
        Weights = Weights,
        BestWeights = BestWeights,
        Optimizer = Optimizer,
        CpuRng = CpuRng,
        CudaRng = CudaRng,
    };

    public byte[] ToBytes()
    {
        var file = new StateFile(Kind);
        file.Metadata["format_version"] = FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        file.Metadata["configuration"] = ArtifactJson.Serialize(Configuration);
        file.Metadata["state"] = ArtifactJson.Serialize(State);
        file.Metadata["data"] = ArtifactJson.Serialize(Data);
        file.Metadata["feature_scaler"] = FeatureScaler.ToJson();
        file.Metadata["target_scaler"] = TargetScaler.ToJson();
        Blob(file, "weights", Weights);
        Blob(file, "best_weights", BestWeights);
        Blob(file, "optimizer", Optimizer);
        Blob(file, "rng_cpu", CpuRng);
        if (CudaRng is not null)
        {
            Blob(file, "rng_cuda", CudaRng);
        }

        return file.ToBytes();
    }

    /// <summary>Reads a checkpoint; any damage gives a <see cref="CheckpointException"/> naming <paramref name="source"/>.</summary>
    public static Checkpoint FromBytes(ReadOnlySpan<byte> bytes, string source)
    {
        StateFile file;
        try
        {
            file = StateFile.FromBytes(bytes, source);
        }
        catch (TorchException e)
        {
            throw new CheckpointException(e.Message, e);
        }

        if (file.Kind != Kind)
        {
            throw new CheckpointException($"'{source}' holds {file.Kind} state, not a training checkpoint.");
        }

        try
        {
            var version = int.Parse(Meta(file, "format_version", source), System.Globalization.CultureInfo.InvariantCulture);
            if (version != FormatVersion)
            {
                throw new CheckpointException($"'{source}' is checkpoint format {version}; this build reads format {FormatVersion}.");
            }

            return new Checkpoint
            {
                Configuration = ArtifactJson.Deserialize<TrainingConfiguration>(Meta(file, "configuration", source), $"'{source}': configuration"),
                State = ArtifactJson.Deserialize<TrainerState>(Meta(file, "state", source), $"'{source}': trainer state"),
                Data = ArtifactJson.Deserialize<DataFingerprint>(Meta(file, "data", source), $"'{source}': data fingerprint"),
                FeatureScaler = FeatureScaler.FromJson(Meta(file, "feature_scaler", source)),
                TargetScaler = FeatureScaler.FromJson(Meta(file, "target_scaler", source)),
                Weights = Blob(file, "weights", source, required: true)!,
                BestWeights = Blob(file, "best_weights", source, required: true)!,
                Optimizer = Blob(file, "optimizer", source, required: true)!,
                CpuRng = Blob(file, "rng_cpu", source, required: true)!,
                CudaRng = Blob(file, "rng_cuda", source, required: false),
            };
        }
        catch (FormatException e)
        {
            throw new CheckpointException($"'{source}' cannot be read: {e.Message}", e);
        }
    }

    private static void Blob(StateFile file, string name, byte[] bytes) =>
        file.Tensors.Add(new StoredTensor(name, ScalarType.UInt8, [bytes.Length], bytes));

    private static byte[]? Blob(StateFile file, string name, string source, bool required)
    {
        var entry = file.Tensors.FirstOrDefault(t => t.Name == name);
        if (entry is null && required)
        {
            throw new CheckpointException($"'{source}' lacks its '{name}' section.");
        }

        return entry?.Data;
    }

    private static string Meta(StateFile file, string key, string source) =>
        file.Metadata.TryGetValue(key, out var value) ? value : throw new CheckpointException($"'{source}' lacks its '{key}' entry.");
}
