using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Evaluation;

/// <summary>What <c>evaluate --walk-forward</c> runs: one model, symbol and interval, K folds, the training settings.</summary>
public sealed record WalkForwardRequest
{
    public required string Symbol { get; init; }

    public required string Interval { get; init; }

    public required string Model { get; init; }

    /// <summary>Training settings over the architecture's defaults, for every fold.</summary>
    public TrainingOverrides Settings { get; init; } = new();

    public required int Folds { get; init; }

    /// <summary>Train a new model every N folds (1: every fold); the folds in between are tested with the last one trained.</summary>
    public int RetrainEvery { get; init; } = 1;

    /// <summary>How each fold's forecasts are traded on its block (<c>backtest</c>'s rules and defaults).</summary>
    public WalkForwardTrading Trading { get; init; } = new();

    /// <summary>The checkpoints folder: folds train under <c>CHECKPOINTS/walk-forward/SYMBOL_INTERVAL_MODEL_kK/fold-NN/</c>.</summary>
    public required string CheckpointsRoot { get; init; }

    /// <summary>The command line, recorded in each fold's run lock.</summary>
    public string Command { get; init; } = "evaluate --walk-forward";
}
