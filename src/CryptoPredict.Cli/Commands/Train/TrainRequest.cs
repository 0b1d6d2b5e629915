namespace CryptoPredict.Cli.Commands;

/// <summary>The train verb's options; null means "not given" (defaults, or the checkpoint's value on --resume).</summary>
internal sealed record TrainRequest
{
    /// <summary>Symbol, interval, model, candles, folders, device and --json.</summary>
    public RunSelection Run { get; init; } = new();

    public string? Features { get; init; }

    public int? Window { get; init; }

    public int? Horizon { get; init; }

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRate { get; init; }

    public long? Seed { get; init; }

    public int? Patience { get; init; }

    public double? ClipNorm { get; init; }


    public bool Resume { get; init; }

    public bool Force { get; init; }


    /// <summary>The command line as typed, recorded with the run lock.</summary>
    public string CommandLine { get; init; } = "cryptopredict train";

    public Core.Training.TrainingRunRequest ToRunRequest(string model, string interval) => new()
    {
        Symbol = Run.Symbol,
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
        CheckpointsRoot = Run.CheckpointsDir,
        ModelsRoot = Run.ModelsDir,
        Command = CommandLine,
    };
}
