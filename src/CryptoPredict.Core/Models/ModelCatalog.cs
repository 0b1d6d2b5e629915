namespace CryptoPredict.Core.Models;

/// <summary>The five architectures of the seeds, by their command-line names.</summary>
public static class ModelCatalog
{
    public const string DefaultName = "bilstm-ohlc";

    private static readonly ModelArchitecture[] All =
    [
        new("cnn-lstm-attn", "Conv1D -> LSTM -> multi-head self-attention, close at horizon (seed 000)",
            ForecastKind.Close, "hybrid", defaultWindow: 30, defaultHorizon: 1, minimumWindow: 1, f => new CnnLstmAttentionModel(f),
            (f, outputs) => new CnnLstmAttentionModel(f, outputs)),
        new("bilstm-ohlc", "BiLSTM 128/64/32 with open, high, low and close heads, next candle (seed 001)",
            ForecastKind.Ohlc, "ohlc13", defaultWindow: 60, defaultHorizon: 1, minimumWindow: 1, f => new BiLstmOhlcModel(f)),
        new("lstm-attn-vol", "stacked LSTM 128/64/32 with batch norm and attention pooling, log realized volatility (seed 002)",
            ForecastKind.Volatility, "volatility-har", defaultWindow: 24, defaultHorizon: 24, minimumWindow: 1, f => new LstmAttentionVolatilityModel(f),
            (f, outputs) => new LstmAttentionVolatilityModel(f, outputs)),
        new("lstm", "two LSTM(50) layers on closes only, next close (seed 003)",
            ForecastKind.Close, "close", defaultWindow: 60, defaultHorizon: 1, minimumWindow: 1, f => new LstmCloseModel(f),
            (f, outputs) => new LstmCloseModel(f, outputs)),
        new("cnn-lstm-regime", "Conv1D + batch norm -> LSTM -> attention -> LSTM, bearish/neutral/bullish (seed 004)",
            ForecastKind.Regime, "regime", defaultWindow: 60, defaultHorizon: 4, minimumWindow: 3, f => new CnnLstmRegimeModel(f)),
    ];

    public static IReadOnlyList<ModelArchitecture> Architectures => All;

    public static IEnumerable<string> Names => All.Select(a => a.Name);

    public static bool TryGet(string name, out ModelArchitecture architecture)
    {
        architecture = All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return architecture is not null;
    }

    /// <summary>The architecture named <paramref name="name"/>; an <see cref="ArgumentException"/> listing the known names otherwise.</summary>
    public static ModelArchitecture Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name, out var architecture)
            ? architecture
            : throw new ArgumentException($"Unknown model '{name}'. Known models: {string.Join(", ", Names)}.", nameof(name));
    }
}
