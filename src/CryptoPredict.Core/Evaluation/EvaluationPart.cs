namespace CryptoPredict.Core.Evaluation;

/// <summary>Which samples an evaluation scores: the test part of the training split, or every sample of a file.</summary>
/// <param name="Name">The name in <c>evaluate --json</c> (<c>test</c>, <c>all</c>).</param>
/// <param name="Description">What was scored, in words.</param>
public sealed record EvaluationPart(string Name, string Description)
{
    /// <summary>The training split rebuilt from the candles, its test samples (by the bundle's recorded test time range).</summary>
    public static EvaluationPart Test { get; } = new("test", "test part of the training split");

    /// <summary>Every sample of the candles, e.g. later ones the model never saw.</summary>
    public static EvaluationPart All { get; } = new("all", "every sample of the file");

    /// <summary>The test block of a walk-forward fold (<see cref="Evaluator.SelectBlock"/>).</summary>
    public static EvaluationPart Fold { get; } = new("fold", "test block of a walk-forward fold");
}
