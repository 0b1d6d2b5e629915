namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>
/// Two tiny lstm bundles (one epoch, window 16, the CPU) on the first 700 real 1h candles of BTCUSDT and of ETHUSDT,
/// trained once for the portfolio tests.
/// </summary>
public sealed class PortfolioBundles : IAsyncLifetime
{
    public const int TrainingCandles = 700;

    private static readonly string[] Files =
    [
        Path.Combine(AppContext.BaseDirectory, "TestData", "Preprocess", "BTCUSDT_1h.csv"),
        Path.Combine(AppContext.BaseDirectory, "TestData", "Portfolio", "ETHUSDT_1h.csv"),
    ];

    public string Root { get; } = Directory.CreateTempSubdirectory("cp-portfolio-").FullName;

    public string DataDir => Path.Combine(Root, "data");

    public string ModelsDir => Path.Combine(Root, "models");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        foreach (var file in Files)
        {
            var symbol = Path.GetFileName(file).Split('_')[0];
            await File.WriteAllLinesAsync(Path.Combine(DataDir, symbol + "_1h.csv"), File.ReadLines(file).Take(1 + TrainingCandles));
            var (code, _, error) = await CliRunner.RunAsync(
                "train", "--symbol", symbol, "--model", "lstm", "--window", "16", "--epochs", "1", "--batch-size", "64", "--device", "cpu",
                "--data-dir", DataDir, "--models-dir", ModelsDir, "--checkpoints-dir", Path.Combine(Root, "checkpoints"), "--json");
            if (code != ExitCodes.Ok)
            {
                throw new InvalidOperationException($"training the {symbol} lstm test bundle failed with exit code {code}: {error}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PortfolioBundlesGroup : ICollectionFixture<PortfolioBundles>
{
    public const string Name = "portfolio bundles";
}
