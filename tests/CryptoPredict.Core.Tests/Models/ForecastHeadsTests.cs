using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Tests.Models;

public class ForecastHeadsTests
{
    [Fact]
    public void Quantile_columns_follow_the_point_forecasts_target_by_target()
    {
        var heads = new ForecastHeads(2, [0.1, 0.9]);

        heads.Outputs.Should().Be(6);
        heads.QuantileColumn(0, 0).Should().Be(2);
        heads.QuantileColumn(1, 1).Should().Be(5);
        Enumerable.Range(0, 6).Select(heads.TargetOf).Should().Equal(0, 1, 0, 0, 1, 1);
        heads.OutputNames(["close_h1", "close_h6"]).Should().Equal("close_h1", "close_h6", "close_h1_q0.1", "close_h1_q0.9", "close_h6_q0.1", "close_h6_q0.9");
        heads.PerOutput([10.0, 20.0]).Should().Equal(10, 20, 10, 10, 20, 20);
    }

    [Fact]
    public void Target_units_apply_each_target_s_scaler_and_uncross_the_quantiles()
    {
        var heads = new ForecastHeads(1, [0.1, 0.5, 0.9]);
        var scaler = new FeatureScaler(ScalerKind.Standard, ["close_h1"], [1.0], [2.0]);
        var destination = new double[4];

        // Scaled 0.5, then quantiles 1, -1, 0 (crossed): times 2 plus 1, then sorted.
        heads.ToTargetUnits(scaler, [0.5, 1, -1, 0], destination);

        destination.Should().Equal(2, -1, 1, 3);
    }

    [Fact]
    public void Central_intervals_pair_each_level_with_its_mirror()
    {
        new ForecastHeads(1, [0.05, 0.1, 0.5, 0.9, 0.95]).CentralIntervals().Select(i => (i.Lower, i.Upper))
            .Should().Equal((0, 4), (1, 3));
        new ForecastHeads(1, [0.1, 0.5, 0.8]).CentralIntervals().Should().BeEmpty();
    }

    [Fact]
    public void Quantile_text_is_read_in_any_order_and_returned_increasing()
    {
        ForecastHeadSettings.ParseQuantiles("0.9, 0.1,0.5").Should().Equal(0.1, 0.5, 0.9);
        ForecastHeadSettings.ParseHorizons("24,1,6").Should().Equal(1, 6, 24);
    }

    [Theory]
    [InlineData("0,0.5", "strictly between 0 and 1 (got 0)")]
    [InlineData("0.1,1.5", "strictly between 0 and 1 (got 1.5)")]
    [InlineData("0.1,0.1", "appears twice")]
    [InlineData("0.1,,0.9", "empty entry")]
    [InlineData("ten", "not a number")]
    public void Bad_quantile_text_says_why(string text, string reason)
    {
        var parse = () => ForecastHeadSettings.ParseQuantiles(text);

        parse.Should().Throw<FormatException>().WithMessage($"*{reason}*");
    }

    [Theory]
    [InlineData("0", "between 1 and 10000 candles (got 0)")]
    [InlineData("1,6,6", "appears twice")]
    [InlineData("1.5", "not a whole number")]
    public void Bad_horizon_text_says_why(string text, string reason)
    {
        var parse = () => ForecastHeadSettings.ParseHorizons(text);

        parse.Should().Throw<FormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Horizons_give_one_close_target_each_and_the_farthest_is_the_horizon()
    {
        var architecture = ModelCatalog.Get("lstm");
        var configuration = new TrainingOverrides { Horizons = [1, 6, 24], Quantiles = [0.1, 0.9] }
            .Over(TrainingConfiguration.For(architecture, "BTCUSDT", "1h"));

        configuration.Horizon.Should().Be(24);
        configuration.Validate();
        ForecastHeadSettings.Targets(architecture, configuration).ToString().Should().Be("close_h1,close_h6,close_h24");
        ForecastHeadSettings.Heads(architecture, configuration).Outputs.Should().Be(9);
    }

    [Theory]
    [InlineData("bilstm-ohlc", true, "--quantiles: bilstm-ohlc has no quantile heads")]
    [InlineData("cnn-lstm-regime", true, "--quantiles: cnn-lstm-regime has no quantile heads")]
    [InlineData("lstm-attn-vol", false, "--horizons: lstm-attn-vol has no multi-horizon heads")]
    public void Architectures_without_the_heads_are_refused_by_option(string model, bool quantiles, string message)
    {
        var architecture = ModelCatalog.Get(model);
        var overrides = quantiles ? new TrainingOverrides { Quantiles = [0.1, 0.9] } : new TrainingOverrides { Horizons = [2, 4] };
        var configuration = overrides.Over(TrainingConfiguration.For(architecture, "BTCUSDT", "1h"));

        configuration.Invoking(c => c.Validate()).Should().Throw<ArgumentException>().WithMessage(message + "*");
    }
}
