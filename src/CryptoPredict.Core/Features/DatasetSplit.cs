namespace CryptoPredict.Core.Features;

/// <summary>
/// Chronological train / validation / test split of a <see cref="WindowedDataset"/> (default 70/15/15
/// of the samples, in time order). Between consecutive parts a purge gap of window + horizon rows
/// is kept: the first input row of a later part comes after the last target row of the earlier part,
/// so no label of one part is an input of the next.
/// </summary>
public sealed class DatasetSplit
{
    public const double DefaultTrainFraction = 0.70;
    public const double DefaultValidationFraction = 0.15;

    private DatasetSplit(WindowedDataset dataset, int[] train, int[] validation, int[] test)
    {
        Dataset = dataset;
        Train = train;
        Validation = validation;
        Test = test;
    }

    public WindowedDataset Dataset { get; }

    /// <summary>Sample indices of each part, increasing.</summary>
    public IReadOnlyList<int> Train { get; }

    public IReadOnlyList<int> Validation { get; }

    public IReadOnlyList<int> Test { get; }

    /// <summary>Minimum distance in rows between the end rows of the last sample of a part and the first of the next.</summary>
    public int PurgeRows => Dataset.WindowLength + Dataset.Horizon;

    public static DatasetSplit Chronological(
        WindowedDataset dataset,
        double trainFraction = DefaultTrainFraction,
        double validationFraction = DefaultValidationFraction)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        RequireFraction(trainFraction, nameof(trainFraction));
        RequireFraction(validationFraction, nameof(validationFraction));
        if (trainFraction <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "trainFraction must be above 0.");
        }

        if (trainFraction + validationFraction > 1 + 1e-12)
        {
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction),
                validationFraction,
                $"trainFraction ({trainFraction}) + validationFraction ({validationFraction}) must not exceed 1.");
        }

        var n = dataset.Count;
        var trainCount = (int)Math.Floor(n * trainFraction);
        var validationEnd = Math.Min(n, trainCount + (int)Math.Floor(n * validationFraction));
        if (trainFraction + validationFraction >= 1 - 1e-12)
        {
            validationEnd = n;
        }

        var train = Enumerable.Range(0, trainCount).ToArray();
        var validation = Purged(dataset, trainCount, validationEnd, train);
        var previous = validation.Length > 0 ? validation : train;
        var test = Purged(dataset, validationEnd, n, previous);
        return new DatasetSplit(dataset, train, validation, test);
    }

    /// <summary>
    /// A split whose test part starts at a time instead of a fraction: every sample whose last input candle opens at or
    /// after <paramref name="testFrom"/> (less the purge gap after validation) is test; the samples before it are split
    /// into train and validation in the ratio <paramref name="trainFraction"/> : <paramref name="validationFraction"/>.
    /// A walk-forward fold is such a split of the candles up to the end of its test block.
    /// </summary>
    public static DatasetSplit From(WindowedDataset dataset, DateTime testFrom, double trainFraction, double validationFraction)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        RequireFraction(trainFraction, nameof(trainFraction));
        RequireFraction(validationFraction, nameof(validationFraction));
        if (trainFraction <= 0 || validationFraction <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "both fractions must be above 0.");
        }

        var before = 0;
        while (before < dataset.Count && dataset.EndTime(before) < testFrom)
        {
            before++;
        }

        var trainCount = (int)Math.Floor(before * trainFraction / (trainFraction + validationFraction));
        var train = Enumerable.Range(0, trainCount).ToArray();
        var validation = Purged(dataset, trainCount, before, train);
        var test = Purged(dataset, before, dataset.Count, validation.Length > 0 ? validation : train);
        return new DatasetSplit(dataset, train, validation, test);
    }

    /// <summary>
    /// Feature rows read by the training inputs, increasing and distinct: the only rows a scaler may be fitted on.
    /// </summary>
    public IReadOnlyList<int> TrainingRows()
    {
        var rows = new List<int>();
        var next = 0;
        foreach (var sample in Train)
        {
            var start = Math.Max(Dataset.StartRow(sample), next);
            var end = Dataset.EndRow(sample);
            for (var r = start; r <= end; r++)
            {
                rows.Add(r);
            }

            next = Math.Max(next, end + 1);
        }

        return rows;
    }

    private static int[] Purged(WindowedDataset dataset, int from, int to, int[] earlierPart)
    {
        if (earlierPart.Length == 0)
        {
            return Enumerable.Range(from, to - from).ToArray();
        }

        // The earlier part's last label row is its last end row + horizon; the next part's first
        // input row (end row - window + 1) must come after it.
        var lastLabelRow = dataset.EndRow(earlierPart[^1]) + dataset.Horizon;
        return Enumerable.Range(from, to - from).Where(s => dataset.StartRow(s) > lastLabelRow).ToArray();
    }

    private static void RequireFraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 0 and 1, got {value}.");
        }
    }
}
