using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Tests.Batch;

public sealed class BatchRulesTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DataFingerprint Trained = new("aaaa000000000000", Start, Start.AddHours(99), 100);
    private static readonly DataFingerprint Newer = new("bbbb000000000000", Start, Start.AddHours(120), 121);
    private static readonly DataFingerprint Rewritten = new("cccc000000000000", Start, Start.AddHours(99), 100);

    private static LedgerEntry Entry(UnitState state, int attempts = 1, DataFingerprint? data = null) =>
        LedgerEntry.Pending(BatchUnit.Create("BTCUSDT", "1h", "lstm")) with { State = state, Attempts = attempts, Data = data ?? Trained, ExitCode = state == UnitState.Failed ? 2 : 0, Error = "boom." };

    [Fact]
    public void A_done_unit_is_skipped_on_the_same_candles_and_retrained_when_they_changed()
    {
        var rules = new BatchRules();

        rules.Decide(Entry(UnitState.Done), false, Trained).Should().Match<ClaimDecision>(d => d.Verdict == ClaimVerdict.Skip && d.Reason.StartsWith("up to date", StringComparison.Ordinal));
        rules.Decide(Entry(UnitState.Done), false, Rewritten).Verdict.Should().Be(ClaimVerdict.Train);
        rules.Decide(Entry(UnitState.Done), false, Newer).Should().Be(new ClaimDecision(ClaimVerdict.Train, $"the candles changed: trained on {Trained}, now {Newer}"));
        new BatchRules(Force: true).Decide(Entry(UnitState.Done), false, Trained).Verdict.Should().Be(ClaimVerdict.Train);
    }

    [Fact]
    public void Only_stale_retrains_done_units_with_newer_candles_and_nothing_else()
    {
        var rules = new BatchRules(OnlyStale: true);

        rules.Decide(Entry(UnitState.Done), false, Newer).Verdict.Should().Be(ClaimVerdict.Train);
        rules.Decide(Entry(UnitState.Done), false, Rewritten).Verdict.Should().Be(ClaimVerdict.Skip, "changed, but no new candles");
        rules.Decide(Entry(UnitState.Pending, 0), false, Newer).Verdict.Should().Be(ClaimVerdict.Skip, "never trained: not stale");
    }

    [Fact]
    public void A_failed_unit_stays_failed_until_retry_failed()
    {
        new BatchRules().Decide(Entry(UnitState.Failed, 2), false, Trained)
            .Should().Be(new ClaimDecision(ClaimVerdict.KeepFailed, "failed in attempt 2 (exit 2): boom. Not retried without --retry-failed."));
        new BatchRules(RetryFailed: true).Decide(Entry(UnitState.Failed, 2), false, Trained).Should().Be(new ClaimDecision(ClaimVerdict.Train, "--retry-failed"));
    }

    [Fact]
    public void A_dead_workers_unit_resumes_its_checkpoint_on_the_same_candles_only()
    {
        var rules = new BatchRules();

        rules.Decide(Entry(UnitState.Running), true, Trained).Should().Match<ClaimDecision>(d => d.Verdict == ClaimVerdict.Train && d.Resume);
        rules.Decide(Entry(UnitState.Running), true, Newer).Should().Match<ClaimDecision>(d => d.Verdict == ClaimVerdict.Train && !d.Resume);
        rules.Decide(Entry(UnitState.Pending, 0), false, Trained).Should().Be(new ClaimDecision(ClaimVerdict.Train, "not trained yet"));
        rules.Decide(Entry(UnitState.Skipped), false, Trained).Should().Match<ClaimDecision>(d => d.Verdict == ClaimVerdict.Train && !d.Resume);
    }

    [Fact]
    public void A_unit_attempted_since_this_batch_started_is_not_attempted_again_even_with_force()
    {
        var since = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var rules = new BatchRules(Force: true, RetryFailed: true, Since: since);

        rules.Decide(Entry(UnitState.Done) with { EndedUtc = since.AddSeconds(5) }, false, Trained).Verdict.Should().Be(ClaimVerdict.Skip);
        rules.Decide(Entry(UnitState.Failed) with { EndedUtc = since.AddSeconds(5) }, false, Trained).Verdict.Should().Be(ClaimVerdict.KeepFailed);
        rules.Decide(Entry(UnitState.Done) with { EndedUtc = since.AddSeconds(-5) }, false, Trained).Verdict.Should().Be(ClaimVerdict.Train, "trained before this batch");
    }
}
