namespace CryptoPredict.Cli.Commands;

/// <summary>What <c>preprocess --json</c> prints.</summary>
internal sealed record PreprocessSummary(
    string File,
    string Symbol,
    string Interval,
    int Candles,
    string FeatureSet,
    IReadOnlyList<string> Columns,
    int WarmUpRowsDropped,
    int Rows,
    DateTime FirstTime,
    DateTime LastTime,
    int Gaps,
    int MissingCandles,
    int FilledCandles,
    IReadOnlyList<string> Warnings,
    string? Output,
    string? Report);
