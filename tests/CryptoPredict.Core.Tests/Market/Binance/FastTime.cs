using System.Collections.Concurrent;

namespace CryptoPredict.Core.Tests.Market.Binance;

/// <summary>
/// A clock that starts at a chosen instant and runs <c>speed</c> times faster than the wall clock, timers included:
/// a 3 s Retry-After waits 30 ms at speed 100, yet everything on this clock (Polly's delays and timeouts, the
/// stand-in's request times) sees 3 s pass. Every timer is recorded at its nominal length, so a test can check what
/// was waited for, not only that something was.
/// </summary>
internal sealed class FastTime(DateTime start, double speed = 100) : TimeProvider
{
    private readonly long _origin = TimeProvider.System.GetTimestamp();
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    /// <summary>Every due time timers were created or changed with, at nominal length (infinite ones left out).</summary>
    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    public override DateTimeOffset GetUtcNow() =>
        new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) + TimeSpan.FromTicks((long)(TimeProvider.System.GetElapsedTime(_origin).Ticks * speed));

    public override long GetTimestamp() => _origin + (long)((TimeProvider.System.GetTimestamp() - _origin) * speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new FastTimer(this, TimeProvider.System.CreateTimer(callback, state, Scale(dueTime), Scale(period)));
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Enqueue(dueTime);
        }
    }

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / speed)));

    private sealed class FastTimer(FastTime time, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            time.Record(dueTime);
            return inner.Change(time.Scale(dueTime), time.Scale(period));
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
