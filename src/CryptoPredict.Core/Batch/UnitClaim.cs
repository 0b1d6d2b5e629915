namespace CryptoPredict.Core.Batch;

/// <summary>
/// A unit this worker holds exclusively until <see cref="Dispose"/>: the ledger marked it running, attempts + 1.
/// <see cref="Previous"/> is its entry before the claim (restored by <see cref="IBatchLedger.Abandon"/>);
/// <see cref="Reclaimed"/> says that entry was the running row of a worker that died.
/// </summary>
public abstract class UnitClaim : IDisposable
{
    protected UnitClaim(BatchUnit unit, LedgerEntry previous, ClaimDecision decision, bool reclaimed, DateTimeOffset startedUtc)
    {
        Unit = unit;
        Previous = previous;
        Decision = decision;
        Reclaimed = reclaimed;
        StartedUtc = startedUtc;
    }

    public BatchUnit Unit { get; }

    public LedgerEntry Previous { get; }

    public ClaimDecision Decision { get; }

    public bool Reclaimed { get; }

    public DateTimeOffset StartedUtc { get; }

    /// <summary>This attempt's number (1 for the first).</summary>
    public int Attempt => Previous.Attempts + 1;

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the unit for other workers (the file lock or advisory lock that made it ours).</summary>
    protected abstract void Release();
}
