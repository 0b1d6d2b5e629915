using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// How a model's forecast for a candle becomes the position held over it: a fraction of equity, positive long,
/// negative short, 0 flat. A candle without a forecast is always flat.
/// </summary>
public abstract class PositionRule
{
    /// <summary>Whether this rule reads forecasts of <paramref name="kind"/> (a threshold means nothing to a regime).</summary>
    public abstract bool Reads(ForecastKind kind);

    /// <summary>The position for one forecast value (<see cref="ModelForecasts.Values"/>); never called with NaN.</summary>
    protected abstract double PositionFor(double forecast);

    /// <summary>The rule in a few words, for reports.</summary>
    public abstract string Description { get; }

    /// <summary>The position over every candle of <paramref name="forecasts"/>.</summary>
    public double[] Positions(ModelForecasts forecasts)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        if (!Reads(forecasts.Kind))
        {
            throw new ArgumentException($"The rule '{Description}' does not read {forecasts.Kind} forecasts.", nameof(forecasts));
        }

        var values = forecasts.Values;
        var positions = new double[values.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = double.IsNaN(values[i]) ? 0 : PositionFor(values[i]);
        }

        return positions;
    }
}
