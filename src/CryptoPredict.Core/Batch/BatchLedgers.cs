namespace CryptoPredict.Core.Batch;

/// <summary>Opens the ledger that <c>--ledger</c> names: a PostgreSQL URL, a SQLite file, or by default the SQLite file beside the models folder.</summary>
public static class BatchLedgers
{
    public static IBatchLedger Open(string? ledger, string modelsDirectory) =>
        ledger is not null && PostgresBatchLedger.IsUrl(ledger)
            ? PostgresBatchLedger.Open(ledger)
            : SqliteBatchLedger.Open(ledger ?? SqliteBatchLedger.DefaultPath(modelsDirectory));
}
