using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// What one inference thread runs for one served version: the engine of a single model, or the ensemble's members
/// (each on its own engine) when the run is an ensemble. Exactly one of the two is set.
/// </summary>
internal sealed class ServedEngine : IDisposable
{
    public ServedEngine(IForecastEngine single) => Single = single;

    public ServedEngine(EnsembleForecaster ensemble) => Ensemble = ensemble;

    public IForecastEngine? Single { get; }

    public EnsembleForecaster? Ensemble { get; }

    public void Dispose()
    {
        Single?.Dispose();
        Ensemble?.Dispose();
    }
}
