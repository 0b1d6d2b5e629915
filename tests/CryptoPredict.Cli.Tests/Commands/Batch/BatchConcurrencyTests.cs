using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Training;
using CryptoPredict.Core.Tests.Batch;

namespace CryptoPredict.Cli.Tests.Commands.Batch;

/// <summary>
/// Real batch processes over one project and ledger: concurrent batches (sharded, unsharded, with worker processes)
/// train each unit once, and a batch killed mid-unit (kill -9) leaves the unit to the next run, which finishes it;
/// with the default SQLite ledger and with a real PostgreSQL server.
/// </summary>
public sealed class BatchConcurrencyTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT"];

    private readonly BatchFolders _folders = new("cp-batch-proc-", Symbols);

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Two_sharded_and_two_unsharded_concurrent_batches_train_every_unit_exactly_once()
    {
        var symbols = string.Join(',', Symbols);
        var shards = Symbols.Select(s => BatchShard.Of($"{s}_1h_lstm", 2)).ToList();
        shards.Should().Contain(0).And.Contain(1, "the test needs both shards non-empty");

        using var shard0 = Start(_folders.Args(symbols, "--shard", "0/2"));
        using var shard1 = Start(_folders.Args(symbols, "--shard", "1/2"));
        using var all = Start(_folders.Args(symbols));
        using var workers = Start(_folders.Args(symbols, "--max-parallel", "2"));
        var runs = new[] { shard0, shard1, all, workers };
        var results = await Task.WhenAll(runs.Select(r => r.WaitAsync(TimeSpan.FromSeconds(180))));

        results.Should().OnlyContain(r => r.ExitCode == ExitCodes.Ok || r.ExitCode == ExitCodes.Busy, string.Join("\n", results.Select(r => r.Error)));
        var reports = results.Select(r => BatchFolders.Units(r.Output)).ToList();
        reports[0].Keys.Concat(reports[1].Keys).Should().BeEquivalentTo(Symbols.Select(s => $"{s}_1h_lstm"), "the two shards partition the units");
        foreach (var unit in Symbols.Select(s => $"{s}_1h_lstm"))
        {
            reports.Count(r => r.TryGetValue(unit, out var u) && u.GetProperty("status").GetString() == "trained").Should().Be(1, $"{unit} is trained by one batch");
            _folders.Versions(unit).Should().Be(1, $"{unit} was published once");
        }

        _folders.Ledger().Should().HaveCount(4).And.OnlyContain(e => e.State == UnitState.Done && e.Attempts == 1);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_batch_killed_mid_unit_leaves_it_to_the_next_run_which_finishes_it(string ledger)
    {
        string[] extra = [];
        if (ledger == "postgres")
        {
            Skip.If(server.SkipReason is not null, server.SkipReason);
            extra = ["--ledger", server.NewDatabase()];
        }

        var url = extra.Length > 0 ? extra[1] : null;
        using (var killed = Start(_folders.Args("BTCUSDT,ETHUSDT", extra), TrainingRun.FaultStarted))
        {
            var (code, _, error) = await killed.WaitAsync(TimeSpan.FromSeconds(120));
            code.Should().Be(137, error);
        }

        var running = _folders.Ledger(url).Single(e => e.State == UnitState.Running);
        running.Attempts.Should().Be(1);
        _folders.Ledger(url).Should().ContainSingle(e => e.State == UnitState.Pending, "the kill came before the second unit");

        using var next = Start(_folders.Args("BTCUSDT,ETHUSDT", extra));
        var result = await next.WaitAsync(TimeSpan.FromSeconds(120));

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var units = BatchFolders.Units(result.Output);
        units.Values.Should().OnlyContain(u => u.GetProperty("status").GetString() == "trained");
        units[running.Name].GetProperty("reason").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        units[running.Name].GetProperty("attempts").GetInt32().Should().Be(2);
        File.ReadAllText(Path.Combine(_folders.LogsDir, "batch", running.Name + ".log")).Should().Contain($"reclaimed from pid {running.Worker!.ProcessId}");
        _folders.Ledger(url).Should().OnlyContain(e => e.State == UnitState.Done);
        _folders.Versions(running.Name).Should().Be(1);
    }

    private CliProcess Start(string[] args, string? faultAt = null) => CliProcess.Start(args, faultAt, _folders.Root, _folders.Environment);
}
