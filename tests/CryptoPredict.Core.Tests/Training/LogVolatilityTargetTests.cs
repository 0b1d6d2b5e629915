using System.Text.Json.Nodes;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Tests.Training;

/// <summary>
/// New volatility runs learn ln(realized volatility); runs and bundles made before record no flag, learned the
/// volatility itself and must still be read, and decoded, as such.
/// </summary>
public class LogVolatilityTargetTests
{
    [Fact]
    public void New_volatility_runs_learn_the_log_and_other_models_are_unchanged()
    {
        foreach (var architecture in ModelCatalog.Architectures)
        {
            var configuration = TrainingConfiguration.For(architecture, "BTCUSDT", "1h");
            configuration.LogVolatility.Should().Be(architecture.Kind == ForecastKind.Volatility, architecture.Name);
        }

        var volatility = ModelCatalog.Get("lstm-attn-vol");
        volatility.Targets(24, logVolatility: true).Specs.Select(t => t.Name).Should().Equal("log_realized_vol_24");
        volatility.Targets(24).Specs.Select(t => t.Name).Should().Equal(new[] { "realized_vol_24" }, "the default is the old target");
    }

    [Fact]
    public void A_configuration_without_the_flag_reads_as_the_old_plain_target_and_false_is_not_written()
    {
        var old = TrainingConfiguration.For(ModelCatalog.Get("lstm-attn-vol"), "BTCUSDT", "1h") with { LogVolatility = false };
        var json = JsonNode.Parse(ArtifactJson.Serialize(old))!.AsObject();
        json.ContainsKey("log_volatility").Should().BeFalse("bundles made before have no such field; a plain target writes none either");

        ArtifactJson.Deserialize<TrainingConfiguration>(json.ToJsonString(), "training").LogVolatility.Should().BeFalse();
        var logged = ArtifactJson.Serialize(old with { LogVolatility = true });
        ArtifactJson.Deserialize<TrainingConfiguration>(logged, "training").LogVolatility.Should().BeTrue();
    }

    [Fact]
    public void The_log_target_is_the_log_of_the_realized_volatility_and_decodes_back_with_exp()
    {
        var series = FeatureTestDataCandles();
        var plain = new RealizedVolatilityTarget(3).Compute(series);
        var logged = new RealizedVolatilityTarget(3, isLog: true).Compute(series);

        for (var t = 0; t < plain.Length; t++)
        {
            if (double.IsNaN(plain[t]))
            {
                double.IsNaN(logged[t]).Should().BeTrue();
                continue;
            }

            logged[t].Should().BeApproximately(Math.Log(plain[t]), 1e-12);
        }

        var spec = (RealizedVolatilityTarget)TargetSet.ParseOne("log_realized_vol_3");
        spec.IsLog.Should().BeTrue();
        spec.Name.Should().Be("log_realized_vol_3");
        spec.VolatilityName.Should().Be("realized_vol_3");
        ForecastDecoding.Decode(spec, ForecastKind.Volatility, Math.Log(0.004), 9000).Should().BeApproximately(0.004, 1e-15);
        ForecastDecoding.Decode(spec, ForecastKind.Volatility, -50, 9000).Should().BePositive("exp of any output is a volatility");
        ForecastDecoding.Decode(new RealizedVolatilityTarget(3), ForecastKind.Volatility, -0.002, 9000).Should().Be(0, "an old plain target is clamped as before");
    }

    [Fact]
    public void Constant_closes_give_a_finite_log_target()
    {
        var closes = Enumerable.Repeat(100.0, 10).ToArray();
        var series = Candles(closes);

        var values = new RealizedVolatilityTarget(3, isLog: true).Compute(series);

        values.Where(v => !double.IsNaN(v)).Should().OnlyContain(v => v == Math.Log(1e-12));
    }

    private static CandleSeries FeatureTestDataCandles() => Candles([100, 101, 99.5, 102, 103.5, 101, 100.2, 104, 103, 105]);

    private static CandleSeries Candles(double[] closes)
    {
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var times = Enumerable.Range(0, closes.Length).Select(h => start.AddHours(h)).ToArray();
        var ones = Enumerable.Repeat(1.0, closes.Length).ToArray();
        return new CandleSeries("HANDUSDT", CandleInterval.OneHour, times, closes, closes, closes, closes, ones);
    }
}
