using System.Diagnostics;
using CryptoPredict.Core.IO;

namespace CryptoPredict.TestPublisher;

/// <summary>Starts this program as a child process (<c>dotnet CryptoPredict.TestPublisher.dll ...</c>), optionally armed to die at a fault point.</summary>
public static class PublisherProcess
{
    /// <summary>Exit code of a process killed by SIGKILL, as .NET reports it (128 + 9).</summary>
    public const int Killed = 137;

    public static Process Start(string? faultPoint, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(PublisherProcess).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(FaultPoint.Variable);
        if (faultPoint is not null)
        {
            start.Environment[FaultPoint.Variable] = faultPoint;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Runs to the end (at most <paramref name="timeout"/>); the exit code and what it wrote to stderr.</summary>
    public static async Task<(int ExitCode, string Error)> RunAsync(string? faultPoint, TimeSpan timeout, params string[] args)
    {
        using var process = Start(faultPoint, args);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the publisher ({string.Join(' ', args)}) did not finish within {timeout}.");
        }

        await output;
        return (process.ExitCode, await error);
    }
}
