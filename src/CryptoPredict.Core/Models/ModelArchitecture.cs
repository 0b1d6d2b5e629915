using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Models;

/// <summary>
/// One of the catalog's architectures, as named on the command line: its defaults (feature set, window,
/// horizon), its targets and how to build the network. Everything here can be overridden per run.
/// </summary>
public sealed class ModelArchitecture
{
    private readonly Func<int, ForecastModel> _factory;

    internal ModelArchitecture(
        string name,
        string description,
        ForecastKind kind,
        string defaultFeatures,
        int defaultWindow,
        int defaultHorizon,
        int minimumWindow,
        Func<int, ForecastModel> factory)
    {
        Name = name;
        Description = description;
        Kind = kind;
        DefaultFeatures = defaultFeatures;
        DefaultWindow = defaultWindow;
        DefaultHorizon = defaultHorizon;
        MinimumWindow = minimumWindow;
        _factory = factory;
    }

    public string Name { get; }

    public string Description { get; }

    public ForecastKind Kind { get; }

    /// <summary>Feature set text as <see cref="FeatureSet.Parse"/> reads it.</summary>
    public string DefaultFeatures { get; }

    public int DefaultWindow { get; }

    /// <summary>Candles ahead the target looks (for volatility: the number of future returns).</summary>
    public int DefaultHorizon { get; }

    public int MinimumWindow { get; }

    public bool IsClassifier => Kind == ForecastKind.Regime;

    /// <summary>Builds the network with freshly initialised weights (drawn from libtorch's generator).</summary>
    public ForecastModel Create(int inputFeatures) => _factory(inputFeatures);

    /// <summary>
    /// Builds the network a bundle's weights were trained in, from model.json's <paramref name="network"/> (its class
    /// and revision): a bilstm-ohlc made before the open gain gets gain 1.
    /// </summary>
    public ForecastModel Create(int inputFeatures, string? network) =>
        Kind == ForecastKind.Ohlc ? new BiLstmOhlcModel(inputFeatures, BiLstmOhlcModel.OpenGainOf(network)) : _factory(inputFeatures);

    /// <summary>
    /// The targets for <paramref name="horizon"/> (<paramref name="logVolatility"/>: a volatility model learns its log);
    /// throws <see cref="ArgumentException"/> for a horizon the kind cannot take.
    /// </summary>
    public TargetSet Targets(int horizon, double regimeThreshold = RegimeTarget.DefaultThreshold, bool logVolatility = false)
    {
        RequireHorizon(horizon);
        return Kind switch
        {
            ForecastKind.Close => new TargetSet([new CloseAtHorizonTarget(horizon)]),
            ForecastKind.Ohlc => TargetSet.NextOhlc(),
            ForecastKind.Volatility => new TargetSet([new RealizedVolatilityTarget(horizon, logVolatility)]),
            ForecastKind.Regime => new TargetSet([new RegimeTarget(horizon, regimeThreshold)]),
            _ => throw new InvalidOperationException($"Unknown forecast kind {Kind}."),
        };
    }

    public void RequireHorizon(int horizon)
    {
        if (Kind == ForecastKind.Ohlc && horizon != 1)
        {
            throw new ArgumentException($"{Name} forecasts the next candle, so its horizon is 1 (got {horizon}).", nameof(horizon));
        }

        var minimum = Kind == ForecastKind.Volatility ? 2 : 1;
        if (horizon < minimum || horizon > 10_000)
        {
            throw new ArgumentException($"{Name} needs a horizon between {minimum} and 10000 candles (got {horizon}).", nameof(horizon));
        }
    }

    public void RequireWindow(int window)
    {
        if (window < MinimumWindow || window > 10_000)
        {
            throw new ArgumentException($"{Name} needs a window between {MinimumWindow} and 10000 candles (got {window}).", nameof(window));
        }
    }

    public override string ToString() => Name;
}
