using System.Diagnostics;

namespace CryptoPredict.Cli.Tests;

/// <summary>
/// Runs the built CLI as a real process (<c>dotnet cryptopredict.dll</c>, copied next to this test assembly by the
/// project reference), for what one process cannot show: two runs contending for a lock, a kill -9 mid-write.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private CliProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public static string Dll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "cryptopredict.dll");
            return File.Exists(dll)
                ? dll
                : throw new FileNotFoundException($"The CLI is not built next to the tests: '{dll}' is missing; build tests/CryptoPredict.Cli.Tests.", dll);
        }
    }

    /// <summary>Starts the CLI; <paramref name="faultAt"/> arms a fault point (the process kills itself there).</summary>
    public static CliProcess Start(IEnumerable<string> args, string? faultAt = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(Core.IO.FaultPoint.Variable);
        if (faultAt is not null)
        {
            start.Environment[Core.IO.FaultPoint.Variable] = faultAt;
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> args, string? faultAt = null)
    {
        using var process = Start(args, faultAt);
        return await process.WaitAsync(TimeSpan.FromSeconds(120));
    }

    public async Task<(int ExitCode, string Output, string Error)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, await _output, await _error);
    }

    /// <summary>SIGKILL, as kill -9: no finally block, no flush, nothing released but what the kernel releases.</summary>
    public void Kill() => _process.Kill();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
