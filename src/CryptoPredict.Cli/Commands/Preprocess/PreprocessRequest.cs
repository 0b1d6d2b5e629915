using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>preprocess</c> invocation.</summary>
internal sealed record PreprocessRequest(
    RunSelection Run,
    string Features,
    string? Output,
    string? Report,
    string? Resample,
    CandleFileFormat Format,
    bool FillGaps);
