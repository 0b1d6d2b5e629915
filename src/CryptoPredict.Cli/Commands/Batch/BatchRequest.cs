using CryptoPredict.Core.Batch;

namespace CryptoPredict.Cli.Commands;

/// <summary>The batch verb's options, checked: the units of this process's shard and how to work on them.</summary>
internal sealed record BatchRequest
{
    public required BatchPlan Plan { get; init; }

    /// <summary>The units of <see cref="Shard"/>, in plan order.</summary>
    public required IReadOnlyList<BatchUnit> Units { get; init; }

    public required BatchShard Shard { get; init; }

    public required BatchRules Rules { get; init; }

    /// <summary>--ledger as given (null: the SQLite file beside the models folder).</summary>
    public string? Ledger { get; init; }

    public required string DataDir { get; init; }

    public required string ModelsDir { get; init; }

    public required string CheckpointsDir { get; init; }

    public required string LogsDir { get; init; }

    public string Device { get; init; } = "auto";

    public int MaxParallel { get; init; } = 1;

    /// <summary>This process's place among the workers of one machine (index from 0, count); a child of --max-parallel.</summary>
    public (int Index, int Count) Worker { get; init; } = (0, 1);

    public bool Json { get; init; }

    /// <summary>--fetch: the exchange to bring the units' candle files up to date from first; null for no fetch.</summary>
    public Uri? FetchFrom { get; init; }

    /// <summary>The command line as typed, recorded with each unit's run lock.</summary>
    public string CommandLine { get; init; } = "cryptopredict batch";

    /// <summary>The tokens after the verb, for the child processes of --max-parallel.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Whether --threads was given (children then keep it instead of cores / P).</summary>
    public bool ThreadsGiven { get; init; }

    /// <summary>The ledger's location as users read it (a file path, or the URL without its password).</summary>
    public string LedgerLocation => Ledger is not null && PostgresBatchLedger.IsUrl(Ledger)
        ? PostgresBatchLedger.ConnectionString(Ledger) is var b ? $"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}" : Ledger
        : Path.GetFullPath(Ledger ?? SqliteBatchLedger.DefaultPath(ModelsDir));
}
