namespace CryptoPredict.Core.Training;

/// <summary>The training settings a user gave; null means "not given": the architecture's default, or on resume the checkpoint's.</summary>
public sealed record TrainingOverrides
{
    public string? Features { get; init; }

    public int? Window { get; init; }

    public int? Horizon { get; init; }

    /// <summary><c>--quantiles</c>: levels, increasing; see <see cref="TrainingConfiguration.Quantiles"/>.</summary>
    public IReadOnlyList<double>? Quantiles { get; init; }

    /// <summary><c>--horizons</c>: candles, increasing; the run's horizon becomes the farthest (so not with <see cref="Horizon"/>).</summary>
    public IReadOnlyList<int>? Horizons { get; init; }

    public int? Epochs { get; init; }

    /// <summary>
    /// On resume, the epochs to run beyond those the checkpoint has finished: the budget becomes finished + N (an
    /// epoch interrupted mid-way is one of the N). Resolved against the checkpoint by <see cref="EpochBudget"/>,
    /// so <see cref="Over"/> leaves the budget to <see cref="Epochs"/>.
    /// </summary>
    public int? AdditionalEpochs { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRate { get; init; }

    public long? Seed { get; init; }

    public int? Patience { get; init; }

    public double? ClipNorm { get; init; }

    /// <summary>Where the test part starts (a walk-forward fold); see <see cref="TrainingConfiguration.TestFrom"/>.</summary>
    public DateTime? TestFrom { get; init; }

    /// <summary>
    /// The epoch budget of a run that has finished <paramref name="finished"/> epochs: finished +
    /// <see cref="AdditionalEpochs"/> when that is given, else <see cref="Epochs"/>, else <paramref name="basis"/>.
    /// A <see cref="Failures.RequestException"/> (usage) when both are given and disagree.
    /// </summary>
    public int EpochBudget(int finished, int basis)
    {
        if (AdditionalEpochs is not { } additional)
        {
            return Epochs ?? basis;
        }

        var total = finished + additional;
        if (Epochs is { } epochs && epochs != total)
        {
            throw new Failures.RequestException(Failures.FailureKind.Usage,
                $"--epochs {epochs} and --additional-epochs {additional} disagree: the run has finished {finished} epoch(s), so --additional-epochs {additional} " +
                $"means --epochs {total}. Give one of them.");
        }

        return total;
    }

    /// <summary>These settings over <paramref name="basis"/>.</summary>
    public TrainingConfiguration Over(TrainingConfiguration basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return basis with
        {
            Features = Features ?? basis.Features,
            Window = Window ?? basis.Window,
            Horizon = Horizon ?? (Horizons is { Count: > 0 } horizons ? horizons[^1] : basis.Horizon),
            Horizons = Horizons ?? basis.Horizons,
            Quantiles = Quantiles ?? basis.Quantiles,
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
