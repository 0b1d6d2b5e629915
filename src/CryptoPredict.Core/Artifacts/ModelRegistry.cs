using CryptoPredict.Core.Failures;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// The bundles of a models folder: the current version of every run folder (<c>SYMBOL_INTERVAL_MODEL</c>) that holds
/// one, loaded and checked as <c>predict</c> loads it. A bundle that does not load is listed with its error, so one
/// damaged folder does not hide the others. Folders without a bundle (checkpoints sharing the folder) are left out.
/// </summary>
public static class ModelRegistry
{
    /// <summary>
    /// The run folders of <paramref name="modelsDir"/> by name; none when the folder does not exist. A path that is a
    /// file is a <see cref="RequestException"/>.
    /// </summary>
    public static IReadOnlyList<RegisteredModel> List(string modelsDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelsDir);
        if (File.Exists(modelsDir))
        {
            throw new RequestException(FailureKind.Usage, $"--models-dir '{modelsDir}' is a file, not a folder of model bundles.", modelsDir);
        }

        if (!Directory.Exists(modelsDir))
        {
            return [];
        }

        var models = new List<RegisteredModel>();
        foreach (var directory in Directory.EnumerateDirectories(Path.GetFullPath(modelsDir)).Order(StringComparer.Ordinal))
        {
            var run = Path.GetFileName(directory);
            if (run.StartsWith('.') || !ModelBundle.Exists(directory))
            {
                continue;
            }

            models.Add(Load(run, directory));
        }

        return models;
    }

    private static RegisteredModel Load(string run, string directory)
    {
        try
        {
            if (EnsembleBundle.IsEnsemble(directory))
            {
                var ensemble = EnsembleBundle.Load(directory);
                return new RegisteredModel(run, directory, ensemble.Members[0], null) { Ensemble = ensemble };
            }

            return new RegisteredModel(run, directory, ModelBundle.Load(directory), null);
        }
        catch (Exception e) when (e is ModelBundleException or IOException or UnauthorizedAccessException)
        {
            return new RegisteredModel(run, directory, null, e.Message);
        }
    }
}
