using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoPredict.Core.IO;

/// <summary>Who holds a <see cref="RunLock"/>: written by the holder beside the lock so a blocked process can name it.</summary>
public sealed record RunLockHolder(
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("started_utc")] DateTimeOffset StartedUtc,
    [property: JsonPropertyName("command")] string Command)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static RunLockHolder ForThisProcess(string command, DateTimeOffset startedUtc) =>
        new(Environment.ProcessId, Environment.MachineName, startedUtc, command);

    public byte[] ToJson() => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, JsonOptions) + "\n");

    /// <summary>The holder recorded in <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static RunLockHolder? TryRead(string path)
    {
        try
        {
            var holder = JsonSerializer.Deserialize<RunLockHolder>(File.ReadAllBytes(path), JsonOptions);
            return holder is { Host: not null, Command: not null } ? holder : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// False when the record names a process of this host that no longer runs: a killed holder's record, read
    /// before the process that now holds the lock has replaced it.
    /// </summary>
    public bool MayStillRun()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    public override string ToString() =>
        FormattableString.Invariant($"pid {ProcessId} on {Host}, started {StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {Command}");
}
