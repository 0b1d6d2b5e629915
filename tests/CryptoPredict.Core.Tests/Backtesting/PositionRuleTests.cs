using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Tests.Backtesting;

public class PositionRuleTests
{
    private static readonly double[] Closes = [100, 100, 100, 100, 100, 100];

    [Fact]
    public void A_price_forecast_goes_long_above_the_threshold_short_below_and_flat_between()
    {
        var forecasts = TinySeries.Prices(100, Closes, [0.003, -0.003, 0.002, -0.002, 0.0001, double.NaN]);

        new ThresholdRule(0.002, longOnly: false).Positions(forecasts).Should().Equal([1, -1, 0, 0, 0, 0],
            "exactly +-threshold is not beyond it, and no forecast is flat");
    }

    [Fact]
    public void Long_only_makes_the_shorts_flat()
    {
        var forecasts = TinySeries.Prices(100, Closes, [0.003, -0.003, 0.002, -0.01, 0.01, double.NaN]);

        new ThresholdRule(0.002, longOnly: true).Positions(forecasts).Should().Equal([1, 0, 0, 0, 1, 0]);
    }

    [Fact]
    public void The_regime_model_trades_its_most_likely_class()
    {
        double[] classes = [(int)MarketRegime.Bullish, (int)MarketRegime.Bearish, (int)MarketRegime.Neutral, double.NaN, (int)MarketRegime.Bullish, (int)MarketRegime.Bearish];
        var forecasts = TinySeries.Of(ForecastKind.Regime, 100, Closes, classes);

        new RegimeRule(longOnly: false).Positions(forecasts).Should().Equal([1, -1, 0, 0, 1, -1]);
        new RegimeRule(longOnly: true).Positions(forecasts).Should().Equal([1, 0, 0, 0, 1, 0]);
    }

    [Fact]
    public void The_volatility_model_sizes_a_long_position_to_the_annual_target_capped_at_one()
    {
        // Per-candle sigma 0.01 at 1h is 0.01 x sqrt(8760) = 93.6% a year: a 50% target holds 0.534.
        var forecasts = TinySeries.Of(ForecastKind.Volatility, 100, Closes, [0.01, 0.002, 0, 0.005, double.NaN, 0.0064]);

        var positions = new VolatilityTargetRule(0.5, 8760).Positions(forecasts);

        positions[0].Should().BeApproximately(0.5 / (0.01 * Math.Sqrt(8760)), 1e-12);
        positions[0].Should().BeApproximately(0.534217, 1e-6);
        positions[1].Should().Be(1, "0.2% a candle is 18.7% a year: the target would lever up 2.7x, capped at 1");
        positions[2].Should().Be(1, "no forecast volatility takes the cap");
        positions[3].Should().Be(1, "0.005 x sqrt(8760) = 46.8% a year, below the target");
        positions[4].Should().Be(0, "no forecast is flat");
        positions[5].Should().BeApproximately(0.5 / (0.0064 * Math.Sqrt(8760)), 1e-12);
        new VolatilityTargetRule(0.5, 8760, maxPosition: 3).Positions(forecasts)[1].Should().BeApproximately(0.5 / (0.002 * Math.Sqrt(8760)), 1e-12);
    }

    [Fact]
    public void A_rule_refuses_forecasts_of_a_kind_it_does_not_read()
    {
        var regime = TinySeries.Of(ForecastKind.Regime, 100, Closes, [2, 2, 2, 2, 2, 2]);

        var act = () => new ThresholdRule(0.002, false).Positions(regime);

        act.Should().Throw<ArgumentException>().WithMessage("*does not read Regime forecasts*");
        new ThresholdRule(0.002, false).Reads(ForecastKind.Ohlc).Should().BeTrue();
        new VolatilityTargetRule(0.5, 8760).Reads(ForecastKind.Close).Should().BeFalse();
    }
}
