using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>preprocess</c> invocation.</summary>
internal sealed record PreprocessRequest(
    string Symbol,
    bool SymbolGiven,
    string Interval,
    bool IntervalGiven,
    string DataDir,
    string? DataFile,
    string Features,
    string? Output,
    string? Report,
    string? Resample,
    CandleFileFormat Format,
    bool FillGaps,
    bool Json);
