using System.Globalization;
using CryptoPredict.Core.Market.Fetch;

namespace CryptoPredict.Cli.Commands;

/// <summary>What <c>fetch --json</c> prints: one object.</summary>
internal sealed record FetchSummary(
    string Symbol,
    string Interval,
    string Path,
    string BaseUrl,
    bool Created,
    DateTime From,
    DateTime Until,
    int CandlesAdded,
    DateTime? FirstAdded,
    DateTime? LastAdded,
    int CandlesVerified,
    int FormingDropped,
    int CandlesInFile,
    DateTime? FileFirst,
    DateTime? FileLast,
    int Requests,
    int Attempts,
    int Retries,
    double RetryWaitSeconds,
    IReadOnlyList<FetchRetry> RetryLog)
{
    public static FetchSummary Of(CandleFetchResult result, Uri baseUrl) => new(
        result.Symbol,
        result.Interval.ToString(),
        result.Path,
        baseUrl.AbsoluteUri,
        result.Created,
        result.From,
        result.Until,
        result.CandlesAdded,
        result.FirstAdded,
        result.LastAdded,
        result.CandlesVerified,
        result.FormingDropped,
        result.CandlesInFile,
        result.FileFirst,
        result.FileLast,
        result.Requests,
        result.Attempts,
        result.Retries.Count,
        Math.Round(result.Retries.Sum(r => r.Delay.TotalSeconds), 3),
        result.Retries.Select(r => new FetchRetry(r.FailedAttempt, r.Reason, Math.Round(r.Delay.TotalSeconds, 3))).ToArray());

    /// <summary>The summary for people: what was added, what the file holds now, and what it took.</summary>
    public IEnumerable<string> Lines()
    {
        var added = CandlesAdded == 0
            ? $"{Symbol} {Interval}: up to date, no closed candle after {Iso(FileLast)}"
            : $"{Symbol} {Interval}: {CandlesAdded:N0} candle{(CandlesAdded == 1 ? "" : "s")} added ({Iso(FirstAdded)} .. {Iso(LastAdded)})";
        yield return string.Create(CultureInfo.InvariantCulture, $"{added}{(CandlesVerified > 0 ? $", {CandlesVerified:N0} stored one{(CandlesVerified == 1 ? "" : "s")} checked" : "")}.");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{(Created ? "Created" : CandlesAdded > 0 ? "Updated" : "Unchanged")} {Path}: {CandlesInFile:N0} candles, {Iso(FileFirst)} .. {Iso(FileLast)}.");
        if (FormingDropped > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{FormingDropped} candle{(FormingDropped == 1 ? " is" : "s are")} still forming and not stored.");
        }

        yield return string.Create(CultureInfo.InvariantCulture,
            $"{Requests} request{(Requests == 1 ? "" : "s")} to {BaseUrl}, {Retries} retr{(Retries == 1 ? "y" : "ies")}{(Retries > 0 ? $" ({RetryWaitSeconds:0.###} s waited)" : "")}.");
    }

    private static string Iso(DateTime? time) => time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>One retry in <c>fetch --json</c>: which attempt failed, why, and the wait before the next.</summary>
internal sealed record FetchRetry(int FailedAttempt, string Reason, double DelaySeconds);
