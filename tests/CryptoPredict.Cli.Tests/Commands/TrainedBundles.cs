using System.Globalization;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>
/// Tiny bundles trained once for the predict and evaluate tests (one epoch, short windows, the CPU): the first 700 of
/// the 1,000 real BTCUSDT 1h test candles are the default data file, the last 300 a held-out file the models never saw.
/// </summary>
public sealed class TrainedBundles : IAsyncLifetime
{
    public const int TrainingCandles = 700;

    private static readonly string RealFile = Path.Combine(AppContext.BaseDirectory, "TestData", "Preprocess", "BTCUSDT_1h.csv");

    /// <summary>
    /// Model name, window and features: the smallest windows that keep training to a second or two each. The
    /// volatility model reads the seed's features here: its default set needs 720 candles of warm-up, more than the file.
    /// </summary>
    private static readonly (string Model, string Window, string? Features)[] Models =
    [
        ("lstm", "16", null),
        ("bilstm-ohlc", "8", null),
        ("cnn-lstm-regime", "8", null),
        ("lstm-attn-vol", "8", "volatility"),
    ];

    public string Root { get; } = Directory.CreateTempSubdirectory("cp-bundles-").FullName;

    public string DataDir => Path.Combine(Root, "data");

    public string ModelsDir => Path.Combine(Root, "models");

    public string CheckpointsDir => Path.Combine(Root, "checkpoints");

    /// <summary>The default candle file: the first <see cref="TrainingCandles"/> candles.</summary>
    public string TrainingFile => Path.Combine(DataDir, "BTCUSDT_1h.csv");

    /// <summary>The candles after the training file's, never seen in training.</summary>
    public string HeldOutFile => Path.Combine(Root, "held-out.csv");

    /// <summary>Every line of the real file, header first.</summary>
    public IReadOnlyList<string> AllLines { get; } = File.ReadAllLines(RealFile);

    public string BundleDir(string model) => Path.Combine(ModelsDir, "BTCUSDT_1h_" + model);

    /// <summary>Writes the held-out candles with open, high, low and close times <paramref name="factor"/>: the same market at another price level.</summary>
    public string WriteScaledHeldOut(string path, double factor)
    {
        var lines = AllLines.Skip(1 + TrainingCandles).Select(line =>
        {
            var fields = line.Split(',');
            for (var i = 1; i <= 4; i++)
            {
                fields[i] = (factor * double.Parse(fields[i], CultureInfo.InvariantCulture)).ToString("R", CultureInfo.InvariantCulture);
            }

            return string.Join(',', fields);
        });
        File.WriteAllLines(path, lines.Prepend(AllLines[0]));
        return path;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        await File.WriteAllLinesAsync(TrainingFile, AllLines.Take(1 + TrainingCandles));
        await File.WriteAllLinesAsync(HeldOutFile, AllLines.Take(1).Concat(AllLines.Skip(1 + TrainingCandles)));
        foreach (var (model, window, features) in Models)
        {
            string[] args =
            [
                "train", "--model", model, "--window", window, "--epochs", "1", "--batch-size", "64", "--device", "cpu",
                "--data-dir", DataDir, "--models-dir", ModelsDir, "--checkpoints-dir", CheckpointsDir, "--json",
                .. features is null ? Array.Empty<string>() : ["--features", features],
            ];
            var (code, _, error) = await CliRunner.RunAsync(args);
            if (code != ExitCodes.Ok)
            {
                throw new InvalidOperationException($"training the {model} test bundle failed with exit code {code}: {error}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A copy of a bundle's run folder (pointer and versions) in a models folder of its own, to damage without touching the shared one.</summary>
    public string CopyBundle(string model, string modelsDir)
    {
        var target = Path.Combine(modelsDir, "BTCUSDT_1h_" + model);
        var source = BundleDir(model);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    /// <summary>
    /// A copy of a bundle's current version laid out as builds before versioning wrote it (model.json and
    /// weights.cpt directly in the run folder, no manifest), whose model.json a test can edit past the integrity check.
    /// </summary>
    public string CopyAsLegacyBundle(string model, string modelsDir)
    {
        var target = Path.Combine(modelsDir, "BTCUSDT_1h_" + model);
        Directory.CreateDirectory(target);
        var version = ModelBundle.Load(BundleDir(model)).Directory;
        foreach (var name in new[] { ModelBundle.DescriptionFileName, ModelBundle.WeightsFileName })
        {
            File.Copy(Path.Combine(version, name), Path.Combine(target, name));
        }

        return target;
    }
}

[CollectionDefinition(Name)]
public sealed class TrainedBundlesGroup : ICollectionFixture<TrainedBundles>
{
    public const string Name = "trained bundles";
}
