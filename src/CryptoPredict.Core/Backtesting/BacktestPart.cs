namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// Which candles a backtest trades: those after the forecast origins of a part of the training split (by the time
/// range the bundle recorded for it), or every candle of a file that has a window before it.
/// </summary>
/// <param name="Name">The name in <c>backtest --json</c>: <c>test</c>, <c>validation</c> or <c>all</c>.</param>
/// <param name="Description">What was traded, in words.</param>
public sealed record BacktestPart(string Name, string Description)
{
    /// <summary>The test part of the training split: origins in the bundle's recorded test range.</summary>
    public static BacktestPart Test { get; } = new("test", "test part of the training split");

    /// <summary>The validation part, where a threshold sweep chooses.</summary>
    public static BacktestPart Validation { get; } = new("validation", "validation part of the training split");

    /// <summary>Every candle of the file from the first one with a usable window before it.</summary>
    public static BacktestPart All { get; } = new("all", "every candle of the file after the first window");
}
