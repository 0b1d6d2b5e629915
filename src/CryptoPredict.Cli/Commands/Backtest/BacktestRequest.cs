namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>backtest</c> invocation.</summary>
internal sealed record BacktestRequest
{
    /// <summary>Symbol, interval, model, candles (--data: every candle of that file is traded), folders, device and --json.</summary>
    public RunSelection Run { get; init; } = new();

    /// <summary>Trade the test part of the --data file instead of every candle of it (the pipeline, which trained on that file).</summary>
    public bool TestPartOfData { get; init; }

    /// <summary>--threshold; null when not typed (price models then use 0.002).</summary>
    public double? Threshold { get; init; }

    public double FeeBps { get; init; } = Core.Backtesting.TradingCosts.DefaultFeeBps;

    public double SlippageBps { get; init; }

    public bool LongOnly { get; init; }

    /// <summary>--vol-target, annualised; null when not typed (the volatility model then uses 0.5).</summary>
    public double? VolTarget { get; init; }

    /// <summary>--sweep START:END:COUNT as typed; null for none.</summary>
    public string? Sweep { get; init; }

    /// <summary>Equity CSV to write; null for none.</summary>
    public string? Equity { get; init; }

    /// <summary>HTML report to write; null for none.</summary>
    public string? Report { get; init; }
}
