using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>pipeline --json</c>: the steps run, in order, and each step's own <c>--json</c> object as its section
/// (<c>preprocess</c>, <c>train</c>, <c>evaluate</c>, and <c>backtest</c> with --backtest), unchanged.
/// </summary>
internal sealed record PipelineSummary(
    string Symbol,
    string Interval,
    string Model,
    IReadOnlyList<string> Steps,
    JsonElement Preprocess,
    JsonElement Train,
    JsonElement Evaluate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Backtest);
