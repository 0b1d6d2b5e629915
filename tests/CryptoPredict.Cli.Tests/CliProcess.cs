using System.Diagnostics;

namespace CryptoPredict.Cli.Tests;

/// <summary>
/// Runs the built CLI as a real process (<c>dotnet cryptopredict.dll</c>, copied next to this test assembly by the
/// project reference), for what one process cannot show: two runs contending for a lock, a kill -9 mid-write, the
/// folders a user's working folder selects.
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

    /// <summary>The repository root: the nearest folder above the tests that holds CryptoPredict.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CryptoPredict.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CryptoPredict.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// Starts the CLI; <paramref name="faultAt"/> arms a fault point (the process kills itself there). The test run's
    /// own CRYPTOPREDICT_HOME and fault point never leak into the child; <paramref name="environment"/> sets others.
    /// </summary>
    public static CliProcess Start(IEnumerable<string> args, string? faultAt = null, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(Core.IO.FaultPoint.Variable);
        start.Environment.Remove(Core.IO.ProjectFolders.HomeVariable);
        if (faultAt is not null)
        {
            start.Environment[Core.IO.FaultPoint.Variable] = faultAt;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> args, string? faultAt = null)
    {
        using var process = Start(args, faultAt);
        return await process.WaitAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>Runs the CLI in <paramref name="workingDirectory"/> with extra <paramref name="environment"/> variables.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Start(args, null, workingDirectory, environment);
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
