using System.Diagnostics;

namespace CryptoPredict.Cli.Tests;

/// <summary>Runs the built CLI (cryptopredict.dll, copied next to the tests) as a real process, as a user's shell would.</summary>
internal static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "cryptopredict.dll");

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

    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The test run's own settings must not leak into the child unless a test asks for them.
        info.Environment.Remove("CRYPTOPREDICT_HOME");
        info.Environment.Remove("CRYPTOPREDICT_FAULT_AT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    public static async Task<(int Code, string Output, string Error)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
