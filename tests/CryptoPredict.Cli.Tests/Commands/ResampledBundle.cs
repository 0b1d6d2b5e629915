using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>
/// A 4h lstm trained once from 1h candles only: the data folder holds the first 700 of the real BTCUSDT 1h test candles
/// (no gap, starting at midnight, so 175 whole 4h buckets) and no 4h file. One epoch, window 8, on the CPU.
/// </summary>
public sealed class ResampledBundle : IAsyncLifetime
{
    public const int HourlyCandles = 700;

    private static readonly string RealFile = Path.Combine(AppContext.BaseDirectory, "TestData", "Preprocess", "BTCUSDT_1h.csv");

    public string Root { get; } = Directory.CreateTempSubdirectory("cp-resampled-").FullName;

    public string DataDir => Path.Combine(Root, "data");

    public string ModelsDir => Path.Combine(Root, "models");

    public string HourlyFile => Path.Combine(DataDir, "BTCUSDT_1h.csv");

    public string BundleDir => Path.Combine(ModelsDir, "BTCUSDT_4h_lstm");

    /// <summary>Header and the 700 candle lines of the data folder's 1h file.</summary>
    public IReadOnlyList<string> HourlyLines { get; private set; } = [];

    /// <summary>train --json's one object.</summary>
    public JsonElement Train { get; private set; }

    /// <summary>train's stderr (the log).</summary>
    public string TrainLog { get; private set; } = "";

    public string[] Args(string verb, params string[] extra) =>
        [verb, "--interval", "4h", "--model", "lstm", "--device", "cpu", "--data-dir", DataDir, "--models-dir", ModelsDir, .. extra];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        HourlyLines = File.ReadLines(RealFile).Take(1 + HourlyCandles).ToArray();
        await File.WriteAllLinesAsync(HourlyFile, HourlyLines);
        var (code, output, error) = await CliRunner.RunAsync(
            Args("train", "--window", "8", "--epochs", "1", "--batch-size", "64", "--checkpoints-dir", Path.Combine(Root, "checkpoints"), "--json"));
        if (code != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"training the 4h test bundle failed with exit code {code}: {error}");
        }

        using var json = JsonDocument.Parse(output);
        Train = json.RootElement.Clone();
        TrainLog = error;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
