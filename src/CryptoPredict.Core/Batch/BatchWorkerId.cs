using System.Diagnostics;
using System.Globalization;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// The process that claimed a unit: host, pid and the process's start time (so a pid reused by a later process is
/// not taken for the worker).
/// </summary>
public sealed record BatchWorkerId(string Host, int ProcessId, DateTimeOffset ProcessStartedUtc)
{
    private static readonly Lazy<BatchWorkerId> ThisProcess = new(() =>
    {
        using var process = Process.GetCurrentProcess();
        return new BatchWorkerId(Environment.MachineName, Environment.ProcessId, Truncate(process.StartTime.ToUniversalTime()));
    });

    public static BatchWorkerId Current => ThisProcess.Value;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"pid {ProcessId} on {Host} (process started {ProcessStartedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)");

    /// <summary>Whole seconds: both ledgers store the time exactly at that precision.</summary>
    private static DateTimeOffset Truncate(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
