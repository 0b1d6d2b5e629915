using System.Globalization;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>models --json</c>: exactly one object, <c>{"models": [...]}</c>.</summary>
internal sealed record ModelsSummary(IReadOnlyList<ModelEntry> Models);

/// <summary>
/// One run folder. For a bundle that loads every field but <see cref="Error"/> is filled (<see cref="SourceInterval"/>
/// and <see cref="TestMetrics"/> are null for bundles of builds that did not record them); for one that does not, the
/// run, its folder and the error, with symbol, interval and model read from the folder name where it has that shape.
/// </summary>
internal sealed record ModelEntry
{
    public required string Run { get; init; }

    public required string Directory { get; init; }

    public string? Symbol { get; init; }

    public string? Interval { get; init; }

    /// <summary>The interval of the file trained from: the model's own, or the finer one it was resampled from.</summary>
    public string? SourceInterval { get; init; }

    public string? SourceFile { get; init; }

    public string? Model { get; init; }

    /// <summary>The current version's name; null for a bundle of an earlier build (no versions).</summary>
    public string? Version { get; init; }

    public TrainedOn? TrainedOn { get; init; }

    public DateTime? Created { get; init; }

    public TestMetrics? TestMetrics { get; init; }

    public StalenessEntry? Staleness { get; init; }

    /// <summary>For an ensemble: its members (<c>lstm seed 42</c>); null for a single model.</summary>
    public IReadOnlyList<string>? Members { get; init; }

    public string? Error { get; init; }

    public static ModelEntry Of(RegisteredModel model, StalenessProbe probe)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(probe);
        if (model.Bundle is not { } bundle)
        {
            var parts = model.Run.Split('_');
            var named = parts.Length == 3;
            return new ModelEntry
            {
                Run = model.Run,
                Directory = model.Directory,
                Symbol = named ? parts[0] : null,
                Interval = named ? parts[1] : null,
                Model = named ? parts[2] : null,
                Error = model.Error,
            };
        }

        var description = bundle.Description;
        var staleness = probe.Of(description);
        return new ModelEntry
        {
            Run = model.Run,
            Directory = model.Directory,
            Symbol = description.Symbol,
            Interval = description.Interval,
            SourceInterval = description.Source?.Interval,
            SourceFile = description.Source?.File,
            Model = model.Ensemble?.Description.Name ?? description.Architecture.Name,
            Version = model.Ensemble?.Version ?? bundle.Version,
            TrainedOn = new TrainedOn(description.TrainingData.First, description.TrainingData.Last, description.TrainingData.Candles),
            Created = model.Ensemble?.Description.CreatedUtc ?? description.CreatedUtc,
            // An ensemble's figures are those of the members' mean (ensemble.json), not of its first member.
            TestMetrics = model.Ensemble is null ? description.TestMetrics : model.Ensemble.Description.TestMetrics,
            Members = model.Ensemble?.Description.Members.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Model} seed {m.Seed}")).ToArray(),
            Staleness = new StalenessEntry(
                (long)Math.Floor(staleness.Age.TotalSeconds), staleness.NewerCandles, staleness.DataFile, staleness.DataLastCandle, staleness.Error),
        };
    }
}

/// <summary>The first and last candle (open times) of the training data, and how many there were.</summary>
internal sealed record TrainedOn(DateTime First, DateTime Last, int Candles);

/// <summary>
/// <see cref="AgeSeconds"/>: from the close of the last candle trained on to now. <see cref="NewerCandles"/>: candles of
/// <see cref="DataFile"/> after it, at the model's interval; null (with <see cref="DataError"/>) when the data folder
/// has none to read.
/// </summary>
internal sealed record StalenessEntry(long AgeSeconds, int? NewerCandles, string? DataFile, DateTime? DataLastCandle, string? DataError);
