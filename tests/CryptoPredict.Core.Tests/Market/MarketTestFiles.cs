namespace CryptoPredict.Core.Tests.Market;

/// <summary>Paths of the bundled test files, and small malformed files written to a per-test temporary folder.</summary>
internal sealed class MarketTestFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cryptopredict-market-" + Guid.NewGuid().ToString("N"));

    public MarketTestFiles() => Directory.CreateDirectory(_folder);

    public static string Format(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", "formats", fileName);

    public static string BundledBtc1h => Path.Combine(AppContext.BaseDirectory, "TestData", "Market", "BTCUSDT_1h.csv");

    /// <summary>Writes <paramref name="lines"/> joined by LF (plus a final LF) and returns the path.</summary>
    public string Write(string fileName, params string[] lines)
    {
        var path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
