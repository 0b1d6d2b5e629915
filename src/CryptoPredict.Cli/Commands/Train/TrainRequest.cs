namespace CryptoPredict.Cli.Commands;

/// <summary>The train verb's options; null means "not given" (defaults, or the checkpoint's value on --resume).</summary>
internal sealed record TrainRequest
{
    /// <summary>Symbol, interval, model, candles, folders, device and --json.</summary>
    public RunSelection Run { get; init; } = new();

    /// <summary>The training settings given; null ones come from the model's defaults, or the checkpoint's on --resume.</summary>
    public Core.Training.TrainingOverrides Settings { get; init; } = new();


    public bool Resume { get; init; }

    /// <summary><c>--ensemble N</c>: N members of --model, seeds seed, seed+1, ...; null for one model.</summary>
    public int? Ensemble { get; init; }

    /// <summary><c>--models a,b</c>: one member per model; null for none.</summary>
    public string? Models { get; init; }

    public bool Force { get; init; }

    /// <summary><c>--quantiles</c> as typed; null when not given (see <see cref="TrainHeadOptions"/>).</summary>
    public string? QuantilesText { get; init; }

    /// <summary><c>--horizons</c> as typed; null when not given.</summary>
    public string? HorizonsText { get; init; }


    /// <summary>The command line as typed, recorded with the run lock.</summary>
    public string CommandLine { get; init; } = "cryptopredict train";

    public Core.Training.TrainingRunRequest ToRunRequest(string model, string interval) => new()
    {
        Symbol = Run.Symbol,
        Interval = interval,
        Model = model,
        Settings = Settings,
        Resume = Resume,
        Force = Force,
        CheckpointsRoot = Run.CheckpointsDir,
        ModelsRoot = Run.ModelsDir,
        Command = CommandLine,
    };
}
