namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>fetch</c> invocation, as given on the command line.</summary>
internal sealed record FetchRequest(
    string Symbol,
    string Interval,
    string? Since,
    string? Until,
    string DataDir,
    string BaseUrl,
    int Retries,
    bool Json);
