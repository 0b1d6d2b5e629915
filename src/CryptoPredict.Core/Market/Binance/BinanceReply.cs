using System.Net;

namespace CryptoPredict.Core.Market.Binance;

/// <summary>
/// What one attempt got back, read whole inside the attempt's timeout: the status, the wait a throttling answer asks
/// for, and the body. The retry strategy decides on this, so no response stream outlives its attempt.
/// </summary>
internal sealed record BinanceReply(HttpStatusCode Status, TimeSpan? RetryAfter, string Body)
{
    /// <summary>429 (too many requests) or 418 (Binance's ban after ignored 429s): the client must wait before asking again.</summary>
    public bool IsThrottled => Status is HttpStatusCode.TooManyRequests or (HttpStatusCode)418;

    public bool IsServerError => (int)Status >= 500;

    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
