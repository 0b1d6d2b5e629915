namespace CryptoPredict.Core.IO;

/// <summary>
/// The folders a run reads and writes (<c>data/</c>, <c>models/</c>, <c>checkpoints/</c>, <c>logs/</c>), each found by
/// one rule: the explicit option, else <c>CRYPTOPREDICT_HOME</c>, else the nearest ancestor of the working folder
/// (itself included) that holds a <c>data/</c> folder, else the working folder. So <c>dotnet run</c> from the CLI
/// project, the repository root or any folder below it uses the same project folders.
/// </summary>
public sealed record ProjectFolders(ResolvedFolder Data, ResolvedFolder Models, ResolvedFolder Checkpoints, ResolvedFolder Logs, ResolvedFolder Home)
{
    public const string HomeVariable = "CRYPTOPREDICT_HOME";
    public const string LogDirectoryVariable = "CRYPTOPREDICT_LOG_DIR";

    /// <summary>
    /// Resolves every folder. <paramref name="data"/>, <paramref name="models"/> and <paramref name="checkpoints"/> are
    /// the options' values (null when not given), relative to <paramref name="workingDirectory"/>;
    /// <paramref name="environment"/> reads an environment variable (tests pass their own).
    /// </summary>
    public static ProjectFolders Resolve(string workingDirectory, Func<string, string?> environment, string? data = null, string? models = null, string? checkpoints = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        var cwd = Path.GetFullPath(workingDirectory);
        var home = FindHome(cwd, environment);
        ResolvedFolder Pick(string? given, string option, string name) => given is not null
            ? new ResolvedFolder(Path.GetFullPath(given, cwd), $"{option}")
            : new ResolvedFolder(Path.Combine(home.Path, name), home.Why);
        var logs = environment(LogDirectoryVariable) is { Length: > 0 } logDir
            ? new ResolvedFolder(Path.GetFullPath(logDir, cwd), LogDirectoryVariable)
            : new ResolvedFolder(Path.Combine(home.Path, "logs"), home.Why);
        return new ProjectFolders(Pick(data, "--data-dir", "data"), Pick(models, "--models-dir", "models"), Pick(checkpoints, "--checkpoints-dir", "checkpoints"), logs, home);
    }

    /// <summary>The project home alone (for the log folder, which is needed before a verb's options are read).</summary>
    public static ResolvedFolder FindHome(string workingDirectory, Func<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        var cwd = Path.GetFullPath(workingDirectory);
        if (environment(HomeVariable) is { Length: > 0 } variable)
        {
            return new ResolvedFolder(Path.GetFullPath(variable, cwd), HomeVariable);
        }

        for (var folder = new DirectoryInfo(cwd); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "data")))
            {
                return new ResolvedFolder(folder.FullName, folder.FullName == cwd ? "working folder holds data/" : "nearest ancestor holding data/");
            }
        }

        return new ResolvedFolder(cwd, "working folder (no data/ folder here or above)");
    }

    /// <summary>Resolves with the process's working folder and environment.</summary>
    public static ProjectFolders ForProcess(string? data = null, string? models = null, string? checkpoints = null) =>
        Resolve(Environment.CurrentDirectory, Environment.GetEnvironmentVariable, data, models, checkpoints);
}

/// <summary>A folder in use and the rule that chose it.</summary>
public sealed record ResolvedFolder(string Path, string Why);
