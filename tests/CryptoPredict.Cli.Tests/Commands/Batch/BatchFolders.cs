using System.Text.Json;
using CryptoPredict.Core.Batch;

namespace CryptoPredict.Cli.Tests.Commands.Batch;

/// <summary>
/// A temporary project for batch: data/ with small slices of the 1,000 real test candles under several symbols
/// (enough for the close-only LSTM with window 16), models/, checkpoints/, logs/, and batch arguments that use them.
/// </summary>
public sealed class BatchFolders : IDisposable
{
    /// <summary>Candles per symbol: a second or two of training, one epoch, on the CPU.</summary>
    public const int Candles = 400;

    private static readonly string[] RealLines = File.ReadAllLines(TrainFolders.RealFile);

    public BatchFolders(string prefix, params string[] symbols)
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        Directory.CreateDirectory(DataDir);
        foreach (var symbol in symbols)
        {
            WriteCandles(symbol, Candles);
        }
    }

    public string Root { get; }

    public string DataDir => Path.Combine(Root, "data");

    public string ModelsDir => Path.Combine(Root, "models");

    public string LogsDir => Path.Combine(Root, "logs");

    /// <summary>The default ledger: beside the models folder.</summary>
    public string LedgerPath => Path.Combine(Root, "models.ledger.sqlite");

    /// <summary>The environment of a batch process: its logs in this project.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["CRYPTOPREDICT_LOG_DIR"] = LogsDir };

    /// <summary>Writes the first <paramref name="count"/> real candles as SYMBOL_1h.csv.</summary>
    public void WriteCandles(string symbol, int count) => File.WriteAllLines(Path.Combine(DataDir, symbol + "_1h.csv"), RealLines.Take(1 + count));

    /// <summary>batch of <paramref name="symbols"/> x 1h x lstm, one epoch; <paramref name="extra"/> adds options.</summary>
    public string[] Args(string symbols, params string[] extra) =>
    [
        "batch", "--symbols", symbols, "--intervals", "1h", "--models", "lstm", "--epochs", "1", "--window", "16", "--batch-size", "64",
        "--device", "cpu", "--data-dir", DataDir, "--models-dir", ModelsDir, "--checkpoints-dir", Path.Combine(Root, "checkpoints"), "--json", .. extra,
    ];

    /// <summary>The published versions of a unit's bundle.</summary>
    public int Versions(string unit)
    {
        var versions = Path.Combine(ModelsDir, unit, "versions");
        return Directory.Exists(versions) ? Directory.GetDirectories(versions).Length : 0;
    }

    public IReadOnlyList<LedgerEntry> Ledger(string? url = null)
    {
        using var ledger = BatchLedgers.Open(url, ModelsDir);
        return ledger.Entries();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>The units of a batch --json report by name.</summary>
    public static Dictionary<string, JsonElement> Units(string output)
    {
        var report = JsonDocument.Parse(output).RootElement;
        return report.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("name").GetString()!, u => u.Clone());
    }

    public static string Status(Dictionary<string, JsonElement> units, string name) => units[name].GetProperty("status").GetString()!;
}
