using System.CommandLine;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// The training settings as options (<c>--epochs</c>, <c>--lr</c>, ...), for verbs that train besides <c>train</c>
/// (<c>evaluate --walk-forward</c>); null when not given, so the architecture's default applies.
/// </summary>
internal sealed class TrainingOptionSet
{
    public Option<string?> Features { get; } = new("--features") { Description = "Feature set or list (default: the model's own set)." };

    public Option<int?> Window { get; } = new("--window") { Description = "Candles per input window (default: the model's)." };

    public Option<int?> Horizon { get; } = new("--horizon") { Description = "Candles ahead to forecast (default: the model's)." };

    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Maximum epochs (default 100)." };

    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Samples per batch (default 32)." };

    public Option<double?> LearningRate { get; } = new("--lr") { Description = "Adam learning rate (default 0.001)." };

    public Option<long?> Seed { get; } = new("--seed") { Description = "Seed of weights, dropout and shuffling (default 42)." };

    public Option<int?> Patience { get; } = new("--patience") { Description = "Early-stopping patience in epochs (default 15)." };

    public Option<double?> ClipNorm { get; } = new("--clip-norm") { Description = "Gradient norm clip, 0 to disable (default 1.0)." };

    public Option[] All => [Features, Window, Horizon, Epochs, BatchSize, LearningRate, Seed, Patience, ClipNorm];

    /// <summary>The options given, by name, for "only with --walk-forward" messages.</summary>
    public IReadOnlyList<string> Given(ParseResult parse) =>
        All.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray();

    public TrainingOverrides Read(ParseResult parse) => new()
    {
        Features = parse.GetValue(Features),
        Window = parse.GetValue(Window),
        Horizon = parse.GetValue(Horizon),
        Epochs = parse.GetValue(Epochs),
        BatchSize = parse.GetValue(BatchSize),
        LearningRate = parse.GetValue(LearningRate),
        Seed = parse.GetValue(Seed),
        Patience = parse.GetValue(Patience),
        ClipNorm = parse.GetValue(ClipNorm),
    };
}
