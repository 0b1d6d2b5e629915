using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Core.Tests.Prediction;

public class ForecastDecodingTests
{
    [Theory]
    [InlineData(ForecastKind.Close)]
    [InlineData(ForecastKind.Ohlc)]
    public void Price_models_give_the_price_of_the_log_return_against_the_last_close(ForecastKind kind)
    {
        ForecastDecoding.Decode(kind, Math.Log(1.01), 9000).Should().BeApproximately(9090, 1e-9);
        ForecastDecoding.Decode(kind, 0, 9000).Should().Be(9000);
        FluentActions.Invoking(() => ForecastDecoding.Decode(kind, 0.01, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*lastClose*");
    }

    [Fact]
    public void A_negative_volatility_is_clamped_at_zero_and_a_probability_is_left_alone()
    {
        ForecastDecoding.Decode(ForecastKind.Volatility, -0.002, 9000).Should().Be(0);
        ForecastDecoding.Decode(ForecastKind.Volatility, 0.004, 9000).Should().Be(0.004);
        ForecastDecoding.Decode(ForecastKind.Regime, 0.25, 9000).Should().Be(0.25);
    }

    [Fact]
    public void Regime_names_follow_the_class_indices()
    {
        ForecastDecoding.RegimeNames.Should().Equal(Enum.GetValues<MarketRegime>().OrderBy(r => (int)r).Select(r => r.ToString().ToLowerInvariant()));
    }

    [Fact]
    public void The_price_kinds_are_exactly_the_architectures_whose_targets_are_log_returns_of_prices()
    {
        foreach (var name in ModelCatalog.Names)
        {
            var architecture = ModelCatalog.Get(name);
            var specs = architecture.Targets(architecture.DefaultHorizon).Specs;
            specs.Should().OnlyContain(s => s.IsPriceLogReturn == ForecastDecoding.IsPrice(architecture.Kind), name);
        }
    }
}
