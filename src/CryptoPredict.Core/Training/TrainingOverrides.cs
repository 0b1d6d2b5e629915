namespace CryptoPredict.Core.Training;

/// <summary>The training settings a user gave; null means "not given": the architecture's default, or on resume the checkpoint's.</summary>
public sealed record TrainingOverrides
{
    public string? Features { get; init; }

    public int? Window { get; init; }

    public int? Horizon { get; init; }

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRate { get; init; }

    public long? Seed { get; init; }

    public int? Patience { get; init; }

    public double? ClipNorm { get; init; }

    /// <summary>Where the test part starts (a walk-forward fold); see <see cref="TrainingConfiguration.TestFrom"/>.</summary>
    public DateTime? TestFrom { get; init; }

    /// <summary>These settings over <paramref name="basis"/>.</summary>
    public TrainingConfiguration Over(TrainingConfiguration basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return basis with
        {
            Features = Features ?? basis.Features,
            Window = Window ?? basis.Window,
            Horizon = Horizon ?? basis.Horizon,
            Epochs = Epochs ?? basis.Epochs,
            BatchSize = BatchSize ?? basis.BatchSize,
            LearningRate = LearningRate ?? basis.LearningRate,
            Seed = Seed ?? basis.Seed,
            Patience = Patience ?? basis.Patience,
            ClipNorm = ClipNorm ?? basis.ClipNorm,
            TestFrom = TestFrom ?? basis.TestFrom,
        };
    }
}
