using System.CommandLine;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>models</c>: the model registry. Lists the current bundle of every run folder under the models folder with what
/// it was trained on, its test metrics beside the baseline's and how stale it is against the data folder's candles.
/// A bundle that does not load is listed with its error. The use case is Core's <see cref="ModelRegistry"/> and
/// <see cref="StalenessProbe"/>; this verb renders them.
/// </summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var modelsDir = CommonOptions.ModelsDir();
        var dataDir = CommonOptions.DataDir();
        dataDir.Description += " Staleness compares each model with the candles there.";
        var checkpointsDir = CommonOptions.CheckpointsDir();
        checkpointsDir.Description += " Not read by models; accepted so the same options work for every verb.";
        var json = CommonOptions.Json();
        var command = new Command("models", "List the trained models: symbol, interval, training range, test metrics against the baseline, staleness.")
        {
            modelsDir, dataDir, checkpointsDir, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(modelsDir)!, parse.GetValue(dataDir)!, parse.GetValue(json), TimeProvider.System.GetUtcNow(), parse.InvocationConfiguration.Output));
        return command;
    }

    internal static int Run(string modelsDir, string dataDir, bool json, DateTimeOffset now, TextWriter output)
    {
        var models = ModelRegistry.List(modelsDir);
        var probe = new StalenessProbe(dataDir, now);
        var entries = models.Select(m => ModelEntry.Of(m, probe)).ToArray();
        Log.Debug("models: {Count} run folders with a bundle in {Folder}", entries.Length, modelsDir);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new ModelsSummary(entries), CliJson.Options));
            return ExitCodes.Ok;
        }

        if (entries.Length == 0)
        {
            output.WriteLine(Directory.Exists(modelsDir)
                ? $"No models in '{Path.GetFullPath(modelsDir)}'. Train one with: cryptopredict train"
                : $"No models: '{Path.GetFullPath(modelsDir)}' does not exist. Train one with: cryptopredict train");
            return ExitCodes.Ok;
        }

        ModelsTable.Write(output, entries);
        return ExitCodes.Ok;
    }
}
