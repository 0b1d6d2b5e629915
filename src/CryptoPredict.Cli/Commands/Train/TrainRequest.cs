namespace CryptoPredict.Cli.Commands;

/// <summary>The train verb's options; null means "not given" (defaults, or the checkpoint's value on --resume).</summary>
internal sealed record TrainRequest
{
    public string Symbol { get; init; } = "BTCUSDT";

    public bool SymbolGiven { get; init; }

    public string Interval { get; init; } = "1h";

    public bool IntervalGiven { get; init; }

    public string Model { get; init; } = Core.Models.ModelCatalog.DefaultName;

    public string? DataFile { get; init; }

    public string DataDir { get; init; } = "data";

    public string ModelsDir { get; init; } = "models";

    public string CheckpointsDir { get; init; } = "checkpoints";

    public string? Features { get; init; }

    public int? Window { get; init; }

    public int? Horizon { get; init; }

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRate { get; init; }

    public long? Seed { get; init; }

    public int? Patience { get; init; }

    public double? ClipNorm { get; init; }

    public string Device { get; init; } = "auto";

    public bool Resume { get; init; }

    public bool Force { get; init; }

    public bool Json { get; init; }

    /// <summary>The command line as typed, recorded with the run lock.</summary>
    public string CommandLine { get; init; } = "cryptopredict train";

    public Core.Training.TrainingRunRequest ToRunRequest(string model, string interval) => new()
    {
        Symbol = Symbol,
        Interval = interval,
        Model = model,
        Settings = new Core.Training.TrainingOverrides
        {
            Features = Features,
            Window = Window,
            Horizon = Horizon,
            Epochs = Epochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            Seed = Seed,
            Patience = Patience,
            ClipNorm = ClipNorm,
        },
        Resume = Resume,
        Force = Force,
        CheckpointsRoot = CheckpointsDir,
        ModelsRoot = ModelsDir,
        Command = CommandLine,
    };
}
