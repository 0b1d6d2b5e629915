namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>evaluate</c> invocation.</summary>
internal sealed record EvaluateRequest
{
    /// <summary>Symbol, interval, model, candles (--data: every sample of that file is scored), folders, device and --json.</summary>
    public RunSelection Run { get; init; } = new();

    /// <summary>Score the test part of the --data file instead of every sample of it (the pipeline, which trained on that file).</summary>
    public bool TestPartOfData { get; init; }

    /// <summary>HTML report to write; null for none.</summary>
    public string? Report { get; init; }

    /// <summary><c>--walk-forward K</c>: train and score K expanding-window folds instead of scoring the bundle; null for none.</summary>
    public int? WalkForward { get; init; }

    /// <summary><c>--retrain-every N</c> (walk-forward only; null: every fold).</summary>
    public int? RetrainEvery { get; init; }

    /// <summary>Walk-forward trading: the price models' threshold, the fee, long or flat only (null: backtest's defaults).</summary>
    public double? Threshold { get; init; }

    public double? FeeBps { get; init; }

    public bool LongOnly { get; init; }

    /// <summary><c>--importance</c>: permutation importance of every feature column on the scored samples.</summary>
    public bool Importance { get; init; }

    /// <summary><c>--repeats N</c>: shuffles per column with --importance (null: 5).</summary>
    public int? Repeats { get; init; }

    /// <summary>The training settings of the walk-forward folds (with --importance, <c>Seed</c> seeds the shuffles).</summary>
    public Core.Training.TrainingOverrides Settings { get; init; } = new();

    /// <summary>Training options given without <c>--walk-forward</c>, by name: a usage error.</summary>
    public IReadOnlyList<string> TrainingOptionsGiven { get; init; } = [];
}
