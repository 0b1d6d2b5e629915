using System.Globalization;
using CryptoPredict.Cli.Failures;
using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// Works through the units of one process, one at a time, on the calling thread (libtorch's state is per thread):
/// for each, read its candles, claim it in the ledger (busy when a live worker has it; skipped, or failed again,
/// when the rules say so), train it through Core's <see cref="TrainingRun"/> (which also takes the run's lock, so a
/// plain <c>train</c> of the same model makes it busy too), score the bundle on the test part, and write how it
/// ended. One unit's failure never stops the others; cancellation stops after the unit under way.
/// </summary>
internal sealed class BatchWorker(BatchRequest request, IBatchLedger ledger, Device device, Action<string, string>? progress)
{
    /// <summary>Reached once a unit is claimed (running in the ledger), before its training starts.</summary>
    public const string FaultClaimed = "batch.claimed";

    /// <summary>Reached once a unit's bundle is published, before the ledger records it done.</summary>
    public const string FaultTrained = "batch.trained";

    private readonly BatchCandles _candles = new(request.DataDir);

    public bool Cancelled { get; private set; }

    public IReadOnlyList<UnitResult> Run(CancellationToken cancellationToken)
    {
        var units = request.Units;
        ledger.Register(units);

        // Workers of one machine start at different units, so they rarely meet on one.
        var start = units.Count * request.Worker.Index / request.Worker.Count;
        var results = new List<UnitResult>();
        foreach (var unit in units.Skip(start).Concat(units.Take(start)))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Cancelled = true;
                break;
            }

            var result = RunUnit(unit, cancellationToken);
            results.Add(result);
            progress?.Invoke(unit.Name, result.Status);
            if (progress is null)
            {
                Log.Information("{Unit}: {Status}{Reason}", unit.Name, result.Status, result.Reason is null ? "" : " (" + result.Reason + ")");
            }
        }

        var order = units.Select((u, i) => (u.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return [.. results.OrderBy(r => order[r.Name])];
    }

    private UnitResult RunUnit(BatchUnit unit, CancellationToken cancellationToken)
    {
        var logPath = Path.Combine(request.LogsDir, "batch", unit.Name + ".log");
        using var log = new UnitLog(logPath, p => progress?.Invoke(unit.Name, p));
        CandleSourceResult? candles = null;
        DataFingerprint? data = null;
        Failure? readFailure = null;
        var readExit = ExitCodes.Ok;
        try
        {
            candles = _candles.Read(unit);
            data = DataFingerprint.Of(candles.Series);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            (readFailure, readExit) = Classify(e);
        }

        var claim = ledger.TryClaim(unit, data, (entry, reclaimed) => request.Rules.Decide(entry, reclaimed, data));
        switch (claim)
        {
            case ClaimBusy busy:
                log.Write($"busy: {busy.Holder} has it");
                return Result(unit, UnitResult.Busy, $"another worker has it: {busy.Holder}", ExitCodes.Busy, null, logPath);
            case ClaimDeclined { Decision.Verdict: ClaimVerdict.Skip } declined:
                log.Write("skipped: " + declined.Decision.Reason);
                return Result(unit, UnitResult.Skipped, declined.Decision.Reason, ExitCodes.Ok, declined.Entry, logPath);
            case ClaimDeclined declined:
                // The failure recorded is the one the user needs; a different one now (the candles broke anew) goes first.
                var reason = readFailure is null || readFailure.Message == declined.Entry.Error
                    ? declined.Decision.Reason
                    : $"{readFailure.Message} (before: {declined.Decision.Reason})";
                log.Write("failed: " + reason);
                return Result(unit, UnitResult.Failed, reason, declined.Entry.ExitCode ?? ExitCodes.Internal, declined.Entry, logPath);
        }

        var granted = ((ClaimGranted)claim).Claim;
        log.Write(string.Create(CultureInfo.InvariantCulture,
            $"attempt {granted.Attempt} by {BatchWorkerId.Current}: {granted.Decision.Reason}{(granted.Decision.Resume ? "; resuming its checkpoint" : "")}"));
        progress?.Invoke(unit.Name, "training");
        FaultPoint.Hit(FaultClaimed);
        if (candles is null)
        {
            return Finish(granted, new UnitCompletion(UnitState.Failed, readExit, readFailure!.Message, null), UnitResult.Failed, log);
        }

        return Train(granted, candles, data!, log, cancellationToken);
    }

    private UnitResult Train(UnitClaim claim, CandleSourceResult candles, DataFingerprint data, UnitLog log, CancellationToken cancellationToken)
    {
        var unit = claim.Unit;
        var resume = claim.Decision.Resume;
        while (true)
        {
            try
            {
                var run = new TrainingRun(new TrainingRunRequest
                {
                    Symbol = unit.Symbol,
                    Interval = unit.Interval,
                    Model = unit.Model,
                    Settings = unit.Settings,
                    Resume = resume && Directory.Exists(Path.Combine(Path.GetFullPath(request.CheckpointsDir), unit.Name)),
                    CheckpointsRoot = request.CheckpointsDir,
                    ModelsRoot = request.ModelsDir,
                    Command = request.CommandLine,
                });
                var result = run.Execute(candles, device, log, cancellationToken);
                if (result.Outcome.Stop == TrainingStop.Cancelled)
                {
                    Cancelled = true;
                    return Finish(claim, new UnitCompletion(UnitState.Pending, ExitCodes.Cancelled, "cancelled; the next run continues its checkpoint", data), UnitResult.Failed, log);
                }

                FaultPoint.Hit(FaultTrained);
                var metrics = UnitMetrics.Measure(result);
                if (metrics is null)
                {
                    log.OnWarning("no test metrics: training scored no test sample");
                }

                var version = result.BundleVersion is null ? null : Path.GetFileName(result.BundleVersion);
                log.Write($"trained: bundle {version}");
                return Finish(claim, new UnitCompletion(UnitState.Done, ExitCodes.Ok, null, data, Math.Round(result.Outcome.SamplesPerSecond, 1), metrics, version), UnitResult.Trained, log);
            }
            catch (RunLockedException e)
            {
                // A plain train of this model holds its run lock: not ours to train now, and nothing of it changed.
                ledger.Abandon(claim);
                log.Write("busy: " + e.Message);
                return Result(unit, UnitResult.Busy, e.Message, ExitCodes.Busy, null, log.Path);
            }
            catch (TrainingDataException e)
            {
                return Finish(claim, new UnitCompletion(UnitState.Skipped, ExitCodes.Ok, "too few candles: " + e.Message, data), UnitResult.Skipped, log);
            }
            catch (CheckpointException e) when (resume)
            {
                // The unfinished attempt's checkpoint does not fit these settings: start the unit afresh instead.
                log.OnWarning($"cannot continue the checkpoint ({e.Message}); starting a new run");
                resume = false;
            }
            catch (FormatException e)
            {
                return Finish(claim, new UnitCompletion(UnitState.Failed, ExitCodes.Usage, "features: " + e.Message, data), UnitResult.Failed, log);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                return Finish(claim, new UnitCompletion(UnitState.Pending, ExitCodes.Cancelled, "cancelled", data), UnitResult.Failed, log);
            }
            catch (Exception e)
            {
                var (failure, code) = Classify(e);
                if (failure.Kind == FailureKind.Internal)
                {
                    log.Write(e.ToString());
                }

                return Finish(claim, new UnitCompletion(UnitState.Failed, code, failure.Message, data), UnitResult.Failed, log);
            }
        }
    }

    private UnitResult Finish(UnitClaim claim, UnitCompletion completion, string status, UnitLog log)
    {
        ledger.Complete(claim, completion);
        if (completion.Error is not null)
        {
            log.Write($"{status}: {completion.Error}");
        }

        return Result(claim.Unit, status, completion.Error, completion.ExitCode, ledger.Find(claim.Unit.Name), log.Path);
    }

    private static UnitResult Result(BatchUnit unit, string status, string? reason, int exitCode, LedgerEntry? entry, string log) => new(
        unit.Symbol,
        unit.Interval,
        unit.Model,
        unit.Name,
        status,
        reason,
        exitCode,
        UnitResult.ParseMetrics(entry?.MetricsJson),
        entry?.Attempts ?? 0,
        status == UnitResult.Trained || status == UnitResult.Failed ? entry?.DurationSeconds : null,
        entry?.SamplesPerSecond,
        entry?.BundleVersion,
        log);

    /// <summary>What a train of this unit would have reported: the failure and its exit code.</summary>
    private static (Failure Failure, int ExitCode) Classify(Exception e)
    {
        if (e is CommandFailureException command)
        {
            return (command.ToFailure(), command.ExitCode);
        }

        var failure = FailureClassifier.Classify(e);
        return (failure, ExitCodes.Of(failure.Kind));
    }
}
