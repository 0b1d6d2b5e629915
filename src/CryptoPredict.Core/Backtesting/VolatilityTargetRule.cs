using System.Globalization;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// The volatility model has no direction: it sizes a long position so that the forecast volatility, annualised
/// (per-candle sigma x sqrt(periods per year)), meets <see cref="AnnualTarget"/>: position = target / annualised
/// sigma, at most <see cref="MaxPosition"/> (1: never leveraged). A forecast of zero volatility takes the cap.
/// </summary>
public sealed class VolatilityTargetRule : PositionRule
{
    /// <summary>50% a year, about bitcoin's own long-run volatility.</summary>
    public const double DefaultAnnualTarget = 0.5;

    public const double DefaultMaxPosition = 1;

    public VolatilityTargetRule(double annualTarget, double periodsPerYear, double maxPosition = DefaultMaxPosition)
    {
        Require(annualTarget, nameof(annualTarget));
        Require(periodsPerYear, nameof(periodsPerYear));
        Require(maxPosition, nameof(maxPosition));
        AnnualTarget = annualTarget;
        PeriodsPerYear = periodsPerYear;
        MaxPosition = maxPosition;
    }

    public double AnnualTarget { get; }

    public double PeriodsPerYear { get; }

    public double MaxPosition { get; }

    public override string Description => string.Create(
        CultureInfo.InvariantCulture, $"long, sized to {AnnualTarget:0.##%} annual volatility, at most {MaxPosition:0.##}");

    public override bool Reads(ForecastKind kind) => kind == ForecastKind.Volatility;

    protected override double PositionFor(double forecast)
    {
        var annualised = Math.Max(0, forecast) * Math.Sqrt(PeriodsPerYear);
        return annualised > 0 ? Math.Min(MaxPosition, AnnualTarget / annualised) : MaxPosition;
    }

    private static void Require(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number above 0, got {value}.");
        }
    }
}
