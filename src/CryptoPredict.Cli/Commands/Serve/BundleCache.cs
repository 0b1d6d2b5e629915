using System.Collections.Concurrent;
using System.Diagnostics;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using Serilog;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// The bundles being served, by run folder. Each request reads the run's <c>current</c> pointer (one small file) and
/// gets the cached bundle of that version, or loads it once: a version published by <c>train</c> or <c>batch</c>
/// while serving is picked up by the next request, whole, since a version folder is complete before the pointer
/// names it and <see cref="ModelBundle.Load"/> verifies it against its manifest. Loads of one run are serialised;
/// requests for other runs do not wait.
/// </summary>
internal sealed class BundleCache(string modelsDir, ServeMetrics metrics)
{
    private readonly ConcurrentDictionary<string, RunSlot> _runs = new(StringComparer.Ordinal);

    public string ModelsDir { get; } = Path.GetFullPath(modelsDir);

    /// <summary>The current bundle of symbol/interval/model; null when the models folder has none for it.</summary>
    public ServedBundle? Get(string symbol, CandleInterval interval, string model)
    {
        var name = RunPaths.RunName(symbol, interval.ToString(), model);
        return Get(name);
    }

    /// <summary>The current bundle of the run folder <paramref name="runName"/> (already checked to be a run name).</summary>
    public ServedBundle? Get(string runName)
    {
        var directory = RunPaths.Under(ModelsDir, runName);
        if (!ModelBundle.Exists(directory))
        {
            return null;
        }

        var slot = _runs.GetOrAdd(runName, _ => new RunSlot());
        var version = ModelBundle.CurrentVersion(directory);
        var cached = slot.Current;
        if (cached is not null && cached.Version == version)
        {
            return cached;
        }

        lock (slot)
        {
            cached = slot.Current;
            if (cached is not null && cached.Version == version)
            {
                return cached;
            }

            var watch = Stopwatch.StartNew();
            var loaded = ServedBundle.Load(runName, directory);
            metrics.ModelLoaded(runName, watch.Elapsed);
            Log.Information("serving {Run} version {Version} (loaded in {Milliseconds:0} ms)", runName, loaded.Version ?? "(unversioned)", watch.Elapsed.TotalMilliseconds);
            slot.Current = loaded;
            return loaded;
        }
    }

    /// <summary>The run folders under the models folder that hold a bundle, by name.</summary>
    public IReadOnlyList<string> RunNames()
    {
        if (!Directory.Exists(ModelsDir))
        {
            return [];
        }

        return Directory.EnumerateDirectories(ModelsDir)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => RunName.TryParse(name, out _) && ModelBundle.Exists(Path.Combine(ModelsDir, name)))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private sealed class RunSlot
    {
        public volatile ServedBundle? Current;
    }
}

/// <summary>A run folder's name split back into its parts: SYMBOL_INTERVAL_MODEL, as <see cref="RunPaths.RunName"/> builds it.</summary>
internal sealed record RunName(string Symbol, string Interval, string Model)
{
    public static bool TryParse(string name, out RunName run)
    {
        run = null!;
        var parts = name.Split('_');
        if (parts.Length != 3 || !(Core.Models.ModelCatalog.TryGet(parts[2], out _) || Core.Training.EnsembleNames.IsEnsembleName(parts[2]))
            || !CandleInterval.TryParse(parts[1], out _))
        {
            return false;
        }

        try
        {
            if (RunPaths.RunName(parts[0], parts[1], parts[2]) != name)
            {
                return false;
            }
        }
        catch (ArgumentException)
        {
            return false;
        }

        run = new RunName(parts[0], parts[1], parts[2]);
        return true;
    }
}
