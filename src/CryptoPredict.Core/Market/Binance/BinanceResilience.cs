using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CryptoPredict.Core.Market.Binance;

/// <summary>
/// The resilience pipeline of one klines request, outermost first: a timeout on the whole request (all attempts
/// and waits), a retry strategy, and a timeout per attempt. Throttling answers (429, 418) wait what their
/// <c>Retry-After</c> says; 5xx answers, attempt timeouts and connection failures back off exponentially with jitter.
/// Every delay and timeout runs on the given <see cref="TimeProvider"/>, so tests need not wait in real time.
/// </summary>
internal static class BinanceResilience
{
    public static readonly ResiliencePropertyKey<BinanceRequestLog> LogKey = new("cryptopredict.binance.request-log");

    public static ResiliencePipeline<BinanceReply> Build(BinanceClientOptions options, TimeProvider time, Action<KlineRetry> onRetry)
    {
        var builder = new ResiliencePipelineBuilder<BinanceReply> { TimeProvider = time };
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = options.RequestBudget,
            OnTimeout = args =>
            {
                LogOf(args.Context).BudgetSpent = true;
                return default;
            },
        });
        if (options.MaxRetries > 0)
        {
            var retry = new RetryStrategyOptions<BinanceReply>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { IsThrottled: true, RetryAfter: { } wait } ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var retried = new KlineRetry(args.AttemptNumber + 1, Reason(args.Outcome), args.RetryDelay);
                    LogOf(args.Context).Retries.Add(retried);
                    onRetry(retried);
                    return default;
                },
            };
            if (options.Randomizer is { } randomizer)
            {
                retry.Randomizer = randomizer;
            }

            builder.AddRetry(retry);
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Why an attempt failed, in a few words for logs and the retry list.</summary>
    public static string Reason(Outcome<BinanceReply> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => "timeout",
        { Exception: HttpRequestException e } => e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "name resolution failed",
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            _ => e.Message,
        },
        { Exception: { } e } => e.GetType().Name,
        { Result: { } reply } => "HTTP " + (int)reply.Status,
        _ => "unknown",
    };

    private static BinanceRequestLog LogOf(ResilienceContext context) =>
        context.Properties.TryGetValue(LogKey, out var log) ? log : throw new InvalidOperationException("The request log is missing from the resilience context.");

    private static bool ShouldRetry(Outcome<BinanceReply> outcome, ResilienceContext context, BinanceClientOptions options, TimeProvider time)
    {
        if (outcome.Exception is not null)
        {
            // An attempt that ran out of time, or a connection that failed; a cancellation by the caller is not retried.
            return outcome.Exception is TimeoutRejectedException or HttpRequestException;
        }

        var reply = outcome.Result!;
        if (reply.IsServerError)
        {
            return true;
        }

        if (!reply.IsThrottled)
        {
            return false;
        }

        // Waiting longer than the budget allows only to be cut off would hide the real answer (a ban of hours).
        var log = LogOf(context);
        var wait = reply.RetryAfter ?? options.BaseDelay;
        if (time.GetElapsedTime(log.StartedTimestamp) + wait >= options.RequestBudget)
        {
            log.RefusedWait = wait;
            return false;
        }

        return true;
    }
}
