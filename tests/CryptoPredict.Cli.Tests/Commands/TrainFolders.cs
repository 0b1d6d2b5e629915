namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>A temporary data/models/checkpoints tree holding the 1,000 test candles, and train arguments that use it.</summary>
public sealed class TrainFolders : IDisposable
{
    public static readonly string RealFile = Path.Combine(AppContext.BaseDirectory, "TestData", "Preprocess", "BTCUSDT_1h.csv");

    public TrainFolders(string prefix)
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        Directory.CreateDirectory(Path.Combine(Root, "data"));
        File.Copy(RealFile, Path.Combine(Root, "data", "BTCUSDT_1h.csv"));
    }

    public string Root { get; }

    public string CheckpointDir => Path.Combine(Root, "checkpoints", "BTCUSDT_1h_lstm");

    public string ModelDir => Path.Combine(Root, "models", "BTCUSDT_1h_lstm");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>train with the small close-only LSTM; an option in <paramref name="extra"/> replaces the default of the same name.</summary>
    public string[] Args(params string[] extra)
    {
        var defaults = new List<string>
        {
            "--model", "lstm", "--window", "16", "--batch-size", "64", "--device", "cpu",
            "--data-dir", Path.Combine(Root, "data"), "--models-dir", Path.Combine(Root, "models"),
            "--checkpoints-dir", Path.Combine(Root, "checkpoints"),
        };
        for (var i = 0; i < defaults.Count; i += 2)
        {
            if (extra.Contains(defaults[i]))
            {
                defaults.RemoveRange(i, 2);
                i -= 2;
            }
        }

        return ["train", .. defaults, .. extra];
    }
}
