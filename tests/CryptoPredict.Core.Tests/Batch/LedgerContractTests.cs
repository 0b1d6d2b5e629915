using System.Collections.Concurrent;
using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Tests.Batch;

/// <summary>
/// What every ledger must do, run against each implementation (<see cref="SqliteLedgerTests"/>,
/// <see cref="PostgresLedgerTests"/>): two ledger objects over one database stand for two workers.
/// </summary>
public abstract class LedgerContractTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    protected static readonly DataFingerprint Candles = new("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Start, Start.AddHours(999), 1000);

    private static readonly BatchUnit Btc = BatchUnit.Create("BTCUSDT", "1h", "lstm");
    private static readonly BatchUnit Eth = BatchUnit.Create("ETHUSDT", "4h", "bilstm-ohlc");

    /// <summary>A new ledger object (a new connection) over this test's database.</summary>
    protected abstract IBatchLedger OpenWorker();

    /// <summary>The worker holding <paramref name="claim"/> vanishes as kill -9 would make it (nothing written, its lock freed by the OS or server).</summary>
    protected abstract void Vanish(IBatchLedger worker, UnitClaim claim);

    [SkippableFact]
    public void Registering_adds_pending_units_once_and_keeps_what_is_there()
    {
        using var ledger = OpenWorker();
        ledger.Register([Btc, Eth]);
        Complete(ledger, Btc, Done());

        ledger.Register([Btc, Eth, Btc]);

        var entries = ledger.Entries();
        entries.Select(e => (e.Name, e.State)).Should().Equal(("BTCUSDT_1h_lstm", UnitState.Done), ("ETHUSDT_4h_bilstm-ohlc", UnitState.Pending));
        entries[1].Should().BeEquivalentTo(LedgerEntry.Pending(Eth));
    }

    [SkippableFact]
    public void A_claim_marks_the_unit_running_for_this_worker_and_a_second_worker_finds_it_busy()
    {
        using var first = OpenWorker();
        using var second = OpenWorker();

        var claim = Granted(first.TryClaim(Btc, Candles, Train));

        claim.Attempt.Should().Be(1);
        claim.Reclaimed.Should().BeFalse();
        var running = second.Find(Btc.Name)!;
        running.State.Should().Be(UnitState.Running);
        running.Attempts.Should().Be(1);
        running.Worker.Should().Be(BatchWorkerId.Current);
        running.Data.Should().Be(Candles);
        running.StartedUtc.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        var decided = false;
        second.TryClaim(Btc, Candles, (_, _) => { decided = true; return Train(null!, false); })
            .Should().BeOfType<ClaimBusy>().Which.Holder.Should().Contain($"pid {Environment.ProcessId}");
        decided.Should().BeFalse("a busy unit is not decided on");
        first.Complete(claim, Done());
        Granted(second.TryClaim(Btc, Candles, Train)).Attempt.Should().Be(2, "released by the completion");
    }

    [SkippableFact]
    public void A_completion_records_the_outcome_the_metrics_the_candles_and_the_duration()
    {
        using var ledger = OpenWorker();
        var claim = Granted(ledger.TryClaim(Btc, Candles, Train));
        const string metrics = """{"next_close": {"model": {"rmse": 1.5}, "theil_u": 0.9}}""";

        ledger.Complete(claim, new UnitCompletion(UnitState.Done, 0, null, Candles, 1234.5, metrics, "20240101T000000Z-abc"));

        var entry = ledger.Find(Btc.Name)!;
        entry.State.Should().Be(UnitState.Done);
        entry.ExitCode.Should().Be(0);
        entry.Error.Should().BeNull();
        entry.SamplesPerSecond.Should().Be(1234.5);
        entry.BundleVersion.Should().Be("20240101T000000Z-abc");
        System.Text.Json.JsonDocument.Parse(entry.MetricsJson!).RootElement.GetProperty("next_close").GetProperty("theil_u").GetDouble().Should().Be(0.9);
        entry.Data.Should().Be(Candles);
        entry.EndedUtc.Should().BeOnOrAfter(entry.StartedUtc!.Value);
        entry.DurationSeconds.Should().BeApproximately((entry.EndedUtc!.Value - entry.StartedUtc.Value).TotalSeconds, 0.01);

        Complete(ledger, Btc, new UnitCompletion(UnitState.Failed, 2, "data/BTCUSDT_1h.csv:12: bad row.", Candles));
        var failed = ledger.Find(Btc.Name)!;
        (failed.State, failed.ExitCode, failed.Error, failed.Attempts).Should().Be((UnitState.Failed, 2, "data/BTCUSDT_1h.csv:12: bad row.", 2));
        failed.MetricsJson.Should().Be(entry.MetricsJson, "a failed attempt leaves the metrics of the bundle that is still current");
        failed.BundleVersion.Should().Be("20240101T000000Z-abc");
    }

    [SkippableFact]
    public void A_declined_claim_changes_nothing_and_frees_the_unit()
    {
        using var first = OpenWorker();
        using var second = OpenWorker();
        Complete(first, Btc, Done());
        var before = first.Find(Btc.Name);

        var result = first.TryClaim(Btc, Candles, (entry, reclaimed) => new BatchRules().Decide(entry, reclaimed, Candles));

        result.Should().BeOfType<ClaimDeclined>().Which.Decision.Verdict.Should().Be(ClaimVerdict.Skip);
        first.Find(Btc.Name).Should().Be(before);
        second.TryClaim(Btc, Candles, Train).Should().BeOfType<ClaimGranted>();
    }

    [SkippableFact]
    public void An_abandoned_claim_restores_the_entry_as_it_was()
    {
        using var ledger = OpenWorker();
        Complete(ledger, Btc, Done());
        var before = ledger.Find(Btc.Name)!;

        ledger.Abandon(Granted(ledger.TryClaim(Btc, Candles with { Sha256 = "ff" }, Train)));

        ledger.Find(Btc.Name).Should().BeEquivalentTo(before, o => o.Excluding(e => e.EndedUtc).Excluding(e => e.DurationSeconds).Excluding(e => e.StartedUtc));
        ledger.Find(Btc.Name)!.StartedUtc.Should().BeCloseTo(before.StartedUtc!.Value, TimeSpan.FromMilliseconds(1));
    }

    [SkippableFact]
    public void The_unit_of_a_worker_that_died_is_reclaimed_by_the_next()
    {
        var dead = OpenWorker();
        var claim = Granted(dead.TryClaim(Btc, Candles, Train));
        Vanish(dead, claim);
        using var next = OpenWorker();
        next.Find(Btc.Name)!.State.Should().Be(UnitState.Running, "nobody wrote its end");

        var reclaimedFlag = false;
        var reclaim = Granted(next.TryClaim(Btc, Candles, (entry, reclaimed) =>
        {
            reclaimedFlag = reclaimed;
            return new BatchRules().Decide(entry, reclaimed, Candles);
        }));

        reclaimedFlag.Should().BeTrue();
        reclaim.Reclaimed.Should().BeTrue();
        reclaim.Decision.Resume.Should().BeTrue("the same candles: continue its checkpoint");
        reclaim.Decision.Reason.Should().Contain("reclaimed from pid");
        reclaim.Attempt.Should().Be(2);
        next.Complete(reclaim, Done());
        next.Find(Btc.Name)!.State.Should().Be(UnitState.Done);
        dead.Dispose();
    }

    [SkippableFact]
    public void Concurrent_workers_never_train_a_unit_twice()
    {
        var units = Enumerable.Range(0, 12).Select(i => BatchUnit.Create($"COIN{i}USDT", "1h", "lstm")).ToList();
        var trained = new ConcurrentBag<string>();
        var rules = new BatchRules();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Factory.StartNew(() =>
        {
            using var ledger = OpenWorker();
            ledger.Register(units);
            foreach (var unit in units.Skip(w * 3).Concat(units.Take(w * 3)))
            {
                if (ledger.TryClaim(unit, Candles, (entry, reclaimed) => rules.Decide(entry, reclaimed, Candles)) is ClaimGranted granted)
                {
                    trained.Add(unit.Name);
                    Thread.Sleep(5);
                    ledger.Complete(granted.Claim, Done());
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        Task.WaitAll(workers, TimeSpan.FromSeconds(60)).Should().BeTrue();

        trained.Should().OnlyHaveUniqueItems().And.HaveCount(units.Count);
        using var check = OpenWorker();
        check.Entries().Should().OnlyContain(e => e.State == UnitState.Done && e.Attempts == 1);
    }

    protected static UnitClaim Granted(ClaimResult result) => result.Should().BeOfType<ClaimGranted>().Which.Claim;

    private static ClaimDecision Train(LedgerEntry entry, bool reclaimed) => new(ClaimVerdict.Train, "test");

    private static UnitCompletion Done() => new(UnitState.Done, 0, null, Candles, 100, "{}", "v1");

    private static void Complete(IBatchLedger ledger, BatchUnit unit, UnitCompletion completion) =>
        ledger.Complete(Granted(ledger.TryClaim(unit, Candles, Train)), completion);
}

public sealed class SqliteLedgerTests : LedgerContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cp-ledger-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    protected override IBatchLedger OpenWorker() => SqliteBatchLedger.Open(Path.Combine(_folder, "models.ledger.sqlite"));

    // The kernel frees a dead process's file locks: the claim's lock file is closed, the row left as it was.
    protected override void Vanish(IBatchLedger worker, UnitClaim claim) => claim.Dispose();

    [Fact]
    public void The_default_ledger_is_a_file_beside_the_models_folder()
    {
        SqliteBatchLedger.DefaultPath("/srv/project/models/").Should().Be("/srv/project/models.ledger.sqlite");
    }
}

public sealed class PostgresLedgerTests(PostgresServer server) : LedgerContractTests, IClassFixture<PostgresServer>
{
    private readonly string? _url = server.SkipReason is null ? server.NewDatabase() : null;

    protected override IBatchLedger OpenWorker()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return PostgresBatchLedger.Open(_url!);
    }

    // The server frees a session's advisory locks when its connection ends.
    protected override void Vanish(IBatchLedger worker, UnitClaim claim) => worker.Dispose();

    [Fact]
    public void Urls_give_host_port_user_database_and_settings()
    {
        var builder = PostgresBatchLedger.ConnectionString("postgres://batch:s%40cret@db.internal:6543/fleet?sslmode=require");

        (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database).Should().Be(("db.internal", 6543, "batch", "s@cret", "fleet"));
        builder.SslMode.Should().Be(Npgsql.SslMode.Require);
        builder.Pooling.Should().BeFalse("a closed connection must end its session and free its advisory locks");
        var noDatabase = () => PostgresBatchLedger.ConnectionString("postgres://batch:pw@db.internal:6543");
        noDatabase.Should().Throw<ArgumentException>().Which.Message.Should().Contain("names no database").And.NotContain("pw");
    }
}
