namespace CryptoPredict.Core.Market.Binance;

/// <summary>
/// Where the klines client connects and how hard it tries. Every request (one page) gets at most
/// <see cref="MaxRetries"/> retries, each attempt at most <see cref="AttemptTimeout"/>, and all attempts and waits
/// together at most <see cref="RequestBudget"/>: a service that keeps failing ends the fetch in bounded time.
/// </summary>
public sealed record BinanceClientOptions
{
    public static readonly Uri DefaultBaseAddress = new("https://api.binance.com");

    /// <summary>Scheme, host and port of a Binance-compatible API (its <c>/api/v3/klines</c> is used).</summary>
    public Uri BaseAddress { get; init; } = DefaultBaseAddress;

    /// <summary>Retries after the first attempt of a request (0: no retry).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First backoff delay after a 5xx, a timeout or a connection failure; it doubles per retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff delay (a <c>Retry-After</c> the service sends is honoured as given, within <see cref="RequestBudget"/>).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest one attempt (request and whole response) may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest one request may take with all its retries and waits.</summary>
    public TimeSpan RequestBudget { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Jitter source in [0, 1); null uses Polly's own. Tests pass a seeded one.</summary>
    public Func<double>? Randomizer { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseAddress, nameof(BaseAddress));
        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"--base-url '{BaseAddress}' is not an absolute http or https URL, such as {DefaultBaseAddress}.", nameof(BaseAddress));
        }

        if (MaxRetries is < 0 or > 100)
        {
            throw new ArgumentException($"--retries must be between 0 and 100, not {MaxRetries}.", nameof(MaxRetries));
        }

        // Polly's timeout strategy accepts 10 ms to 24 h.
        foreach (var (name, value) in new[] { (nameof(AttemptTimeout), AttemptTimeout), (nameof(RequestBudget), RequestBudget) })
        {
            if (value <= TimeSpan.FromMilliseconds(10) || value >= TimeSpan.FromHours(24))
            {
                throw new ArgumentException($"{name} must be between 10 ms and 24 h, not {value}.", name);
            }
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentException($"The backoff delays must satisfy 0 <= base ({BaseDelay}) <= max ({MaxDelay}).", nameof(BaseDelay));
        }
    }
}
