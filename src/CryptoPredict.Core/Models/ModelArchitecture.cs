using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Models;

/// <summary>
/// One of the catalog's architectures, as named on the command line: its defaults (feature set, window,
/// horizon), its targets and how to build the network. Everything here can be overridden per run.
/// </summary>
public sealed class ModelArchitecture
{
    private readonly Func<int, ForecastModel> _factory;
    private readonly Func<int, int, ForecastModel>? _wideFactory;

    internal ModelArchitecture(
        string name,
        string description,
        ForecastKind kind,
        string defaultFeatures,
        int defaultWindow,
        int defaultHorizon,
        int minimumWindow,
        Func<int, ForecastModel> factory,
        Func<int, int, ForecastModel>? wideFactory = null)
    {
        Name = name;
        Description = description;
        Kind = kind;
        DefaultFeatures = defaultFeatures;
        DefaultWindow = defaultWindow;
        DefaultHorizon = defaultHorizon;
        MinimumWindow = minimumWindow;
        _factory = factory;
        _wideFactory = wideFactory;
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
    /// Builds the network with a last layer of <see cref="ForecastHeads.Outputs"/> columns (more targets, quantile heads);
    /// plain heads build the architecture's own network (a bundle's: as its model.json <paramref name="network"/> says).
    /// An <see cref="ArgumentException"/> when it has no such heads.
    /// </summary>
    public ForecastModel Create(int inputFeatures, ForecastHeads heads, string? network = null)
    {
        ArgumentNullException.ThrowIfNull(heads);
        if (!heads.HasQuantiles && (IsClassifier || heads.Targets == Targets(DefaultHorizon).Specs.Count))
        {
            return network is null ? _factory(inputFeatures) : Create(inputFeatures, network);
        }

        return _wideFactory is { } wide
            ? wide(inputFeatures, heads.Outputs)
            : throw new ArgumentException($"{Name} has no quantile or multi-horizon heads.", nameof(heads));
    }

    /// <summary>Whether <c>--quantiles</c> can add quantile heads to this architecture's targets.</summary>
    public bool SupportsQuantiles => _wideFactory is not null && Kind is ForecastKind.Close or ForecastKind.Volatility;

    /// <summary>Whether <c>--horizons</c> can give this architecture one close head per horizon.</summary>
    public bool SupportsHorizons => _wideFactory is not null && Kind == ForecastKind.Close;

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
