using CryptoPredict.Core.Features;
using CryptoPredict.Core.Indicators;

namespace CryptoPredict.Core.Tests.Features;

public sealed class VolatilityFeaturesTests
{
    [Fact]
    public void Log_parkinson_is_the_log_of_the_root_mean_squared_log_range_over_four_ln_2()
    {
        var series = SyntheticCandles.Create(40, seed: 7);
        var actual = VolatilityFeatures.LogParkinson(series, 3);

        actual[0].Should().Be(double.NaN);
        actual[1].Should().Be(double.NaN);
        for (var t = 2; t < series.Count; t++)
        {
            // Independently: the three candles' squared log ranges, averaged, over 4 ln 2, square root, log.
            var squares = 0.0;
            for (var k = t - 2; k <= t; k++)
            {
                var range = Math.Log(series.High[k] / series.Low[k]);
                squares += range * range;
            }

            var expected = Math.Log(Math.Sqrt(squares / 3 / (4 * Math.Log(2))));
            actual[t].Should().BeApproximately(expected, 1e-12, $"row {t}");
        }
    }

    [Fact]
    public void Log_volatility_is_the_log_of_the_historical_volatility_with_the_same_warm_up()
    {
        var series = SyntheticCandles.Create(60, seed: 3);
        var plain = series.HistoricalVolatility(24);
        var logged = VolatilityFeatures.LogHistoricalVolatility(series, 24);

        for (var t = 0; t < series.Count; t++)
        {
            if (double.IsNaN(plain[t]))
            {
                logged[t].Should().Be(double.NaN);
            }
            else
            {
                Math.Exp(logged[t]).Should().BeApproximately(plain[t], 1e-15 + (1e-12 * plain[t]));
            }
        }

        logged.Count(double.IsFinite).Should().Be(60 - 24);
    }

    [Fact]
    public void The_week_cycle_starts_on_monday_midnight_utc()
    {
        // SyntheticCandles start on Monday 2024-01-01 00:00 UTC, hourly.
        var series = SyntheticCandles.Create(24 * 8, seed: 1);
        var sin = VolatilityFeatures.WeekCycle(series, 1, cosine: false);
        var cos = VolatilityFeatures.WeekCycle(series, 1, cosine: true);
        var sin2 = VolatilityFeatures.WeekCycle(series, 2, cosine: false);

        sin[0].Should().BeApproximately(0, 1e-15);
        cos[0].Should().BeApproximately(1, 1e-15);
        // Thursday 12:00 is half the week: the first harmonic is at π.
        var thursdayNoon = (3 * 24) + 12;
        cos[thursdayNoon].Should().BeApproximately(-1, 1e-12);
        sin2[thursdayNoon].Should().BeApproximately(0, 1e-12);
        // Monday 06:00: 6 of 168 hours.
        sin[6].Should().BeApproximately(Math.Sin(2 * Math.PI * 6 / 168), 1e-12);
        // A week later the cycle repeats.
        sin[168 + 6].Should().BeApproximately(sin[6], 1e-12);
    }

    [Theory]
    [InlineData("log_volatility_168")]
    [InlineData("log_parkinson_24")]
    [InlineData("week_cos_2")]
    public void The_catalog_resolves_the_volatility_inputs(string name)
    {
        FeatureCatalog.TryResolve(name, out var definition).Should().BeTrue();
        definition.Name.Should().Be(name);
    }
}
