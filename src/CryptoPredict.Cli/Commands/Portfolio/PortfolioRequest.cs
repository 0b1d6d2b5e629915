using CryptoPredict.Core.Portfolio;

namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>portfolio</c> invocation.</summary>
internal sealed record PortfolioRequest
{
    /// <summary>--symbols as typed: a comma-separated list.</summary>
    public string Symbols { get; init; } = "";

    public string Interval { get; init; } = "1h";

    public string Model { get; init; } = Core.Models.ModelCatalog.DefaultName;

    public double MaxWeight { get; init; } = PortfolioSettings.DefaultMaxWeight;

    public double RiskAversion { get; init; } = PortfolioSettings.DefaultRiskAversion;

    public int RebalanceEvery { get; init; } = PortfolioSettings.DefaultRebalanceEvery;

    public int Lookback { get; init; } = PortfolioSettings.DefaultLookback;

    public double FeeBps { get; init; } = Core.Backtesting.TradingCosts.DefaultFeeBps;

    public double SlippageBps { get; init; }

    public string DataDir { get; init; } = "data";

    public string ModelsDir { get; init; } = "models";

    public string Device { get; init; } = "auto";

    public bool Json { get; init; }
}
