namespace CryptoPredict.Cli.Tests.Commands.Batch;

/// <summary>
/// batch's worker processes get the parent's tokens, --config values included: a file that sets --max-parallel and
/// --json must not reach the workers a second time.
/// </summary>
public sealed class BatchConfigTests : IDisposable
{
    private readonly BatchFolders _folders = new("cp-batch-config-", "BTCUSDT", "ETHUSDT");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_config_file_with_max_parallel_and_json_runs_its_workers_once_each()
    {
        var config = Path.Combine(_folders.Root, "batch.yaml");
        File.WriteAllText(config, "batch:\n  symbols: BTCUSDT,ETHUSDT\n  max-parallel: 2\n  json: true\n  epochs: 1\n");
        string[] args = ["batch", "--config", config, "--intervals", "1h", "--models", "lstm", "--window", "16", "--batch-size", "64", "--device", "cpu",
            "--data-dir", _folders.DataDir, "--models-dir", _folders.ModelsDir, "--checkpoints-dir", Path.Combine(_folders.Root, "checkpoints")];

        using var batch = CliProcess.Start(args, null, _folders.Root, _folders.Environment);
        var (code, output, error) = await batch.WaitAsync(TimeSpan.FromSeconds(120));

        code.Should().Be(ExitCodes.Ok, error);
        var units = BatchFolders.Units(output);
        units.Keys.Should().BeEquivalentTo("BTCUSDT_1h_lstm", "ETHUSDT_1h_lstm");
        units.Values.Should().OnlyContain(u => u.GetProperty("status").GetString() == "trained");
        _folders.Versions("BTCUSDT_1h_lstm").Should().Be(1);
        _folders.Versions("ETHUSDT_1h_lstm").Should().Be(1);
    }
}
