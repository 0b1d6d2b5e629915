using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Features;

public class TargetTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    // Closes chosen so that every log return is easy to write by hand.
    private static CandleSeries Hand(params int[] hourOffsets)
    {
        double[] open = [100, 101, 108, 99, 120, 125];
        double[] high = [103, 112, 109, 122, 126, 127];
        double[] low = [99, 100, 97, 98, 119, 118];
        double[] close = [101, 110, 99, 121, 125, 119];
        double[] volume = [1, 2, 3, 4, 5, 6];
        var times = hourOffsets.Length == 0
            ? Enumerable.Range(0, 6).Select(h => T0.AddHours(h)).ToArray()
            : hourOffsets.Select(h => T0.AddHours(h)).ToArray();
        return new CandleSeries("HANDUSDT", CandleInterval.OneHour, times, open, high, low, close, volume);
    }

    [Fact]
    public void Next_candle_targets_are_log_returns_against_the_last_close()
    {
        var series = Hand();
        var targets = TargetSet.NextOhlc().Compute(series);

        targets.ColumnNames.Should().Equal("next_open", "next_high", "next_low", "next_close");
        targets.Horizon.Should().Be(1);
        targets[0, 0].Should().BeApproximately(Math.Log(101.0 / 101.0), 1e-15);
        targets[0, 1].Should().BeApproximately(Math.Log(112.0 / 101.0), 1e-15);
        targets[0, 2].Should().BeApproximately(Math.Log(100.0 / 101.0), 1e-15);
        targets[0, 3].Should().BeApproximately(Math.Log(110.0 / 101.0), 1e-15);
        targets[2, 3].Should().BeApproximately(Math.Log(121.0 / 99.0), 1e-15);
        targets.IsRowComplete(5).Should().BeFalse("the last candle has no next candle");
        double.IsNaN(targets[5, 0]).Should().BeTrue();
    }

    [Fact]
    public void Close_at_horizon_and_back_to_price()
    {
        var series = Hand();
        var values = new CloseAtHorizonTarget(3).Compute(series);

        values[0].Should().BeApproximately(Math.Log(121.0 / 101.0), 1e-15);
        values[2].Should().BeApproximately(Math.Log(119.0 / 99.0), 1e-15);
        values.Skip(3).Should().OnlyContain(v => double.IsNaN(v));
        PriceTargets.ToPrice(values[2], 99.0).Should().BeApproximately(119.0, 1e-12);
        PriceTargets.ToLogReturn(119.0, 99.0).Should().Be(Math.Log(119.0 / 99.0));
    }

    [Fact]
    public void Realized_volatility_is_the_sample_std_of_the_next_log_returns()
    {
        var series = Hand();
        var values = new RealizedVolatilityTarget(3).Compute(series);

        // Row 1: returns of candles 2, 3, 4.
        double[] r = [Math.Log(99.0 / 110), Math.Log(121.0 / 99), Math.Log(125.0 / 121)];
        var mean = r.Average();
        var expected = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / 2);
        values[1].Should().BeApproximately(expected, 1e-15);
        values[2].Should().BeApproximately(
            StdSample(Math.Log(121.0 / 99), Math.Log(125.0 / 121), Math.Log(119.0 / 125)), 1e-15);
        double.IsNaN(values[3]).Should().BeTrue();
    }

    [Fact]
    public void Regime_classifies_the_forward_return_against_the_threshold()
    {
        var series = Hand();
        var values = new RegimeTarget(1, threshold: 0.05).Compute(series);

        // ln(110/101) = 0.0854 > 0.05; ln(99/110) = -0.105 < -0.05; ln(125/121) = 0.0325 neutral.
        values[0].Should().Be((double)MarketRegime.Bullish);
        values[1].Should().Be((double)MarketRegime.Bearish);
        values[3].Should().Be((double)MarketRegime.Neutral);
        RegimeTarget.Classify(0.05, 0.05).Should().Be(MarketRegime.Neutral, "the threshold itself is not a move");
        RegimeTarget.Classify(-0.0501, 0.05).Should().Be(MarketRegime.Bearish);
    }

    [Fact]
    public void A_target_span_that_crosses_a_gap_is_undefined()
    {
        // One hour is missing between rows 2 and 3.
        var series = Hand(0, 1, 2, 4, 5, 6);
        var next = new NextCandleTarget(PriceField.Close).Compute(series);
        var h2 = new CloseAtHorizonTarget(2).Compute(series);

        next[1].Should().BeApproximately(Math.Log(99.0 / 110), 1e-15);
        double.IsNaN(next[2]).Should().BeTrue();
        next[3].Should().BeApproximately(Math.Log(125.0 / 121), 1e-15);
        double.IsNaN(h2[1]).Should().BeTrue();
        double.IsNaN(h2[2]).Should().BeTrue();
        h2[3].Should().BeApproximately(Math.Log(119.0 / 121), 1e-15);
    }

    [Fact]
    public void Several_horizons_at_once_from_durations()
    {
        var series = SyntheticCandles.Create(40, seed: 7, CandleInterval.FifteenMinutes);
        var set = TargetSet.CloseAtHorizons(CandleInterval.FifteenMinutes, "30m", "1h", "4h");
        var targets = set.Compute(series);

        targets.ColumnNames.Should().Equal("close_h2", "close_h4", "close_h16");
        targets.Horizon.Should().Be(16);
        var close = series.Close;
        for (var t = 0; t + 16 < series.Count; t++)
        {
            targets[t, 0].Should().Be(Math.Log(close[t + 2] / close[t]));
            targets[t, 1].Should().Be(Math.Log(close[t + 4] / close[t]));
            targets[t, 2].Should().Be(Math.Log(close[t + 16] / close[t]));
        }
    }

    [Theory]
    [InlineData("30m", "15m", 2)]
    [InlineData("1h", "15m", 4)]
    [InlineData("4h", "15m", 16)]
    [InlineData("1d", "1h", 24)]
    public void Horizon_durations_convert_to_candles(string horizon, string interval, int expected) =>
        TargetHorizon.Candles(horizon, CandleInterval.Parse(interval)).Should().Be(expected);

    [Fact]
    public void Horizon_that_is_not_a_whole_number_of_candles_is_refused()
    {
        var act = () => TargetHorizon.Candles("10m", CandleInterval.FifteenMinutes);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*15m*");
    }

    [Fact]
    public void Target_lists_parse_to_stable_names()
    {
        var set = TargetSet.Parse("next_close, close_h4,realized_vol_24,regime_h4,regime_h16_0.01");

        set.Specs.Select(s => s.Name).Should().Equal("next_close", "close_h4", "realized_vol_24", "regime_h4", "regime_h16_0.01");
        set.Specs[4].Should().Be(new RegimeTarget(16, 0.01));
        set.Horizon.Should().Be(24);
        set.ToString().Should().Be("next_close,close_h4,realized_vol_24,regime_h4,regime_h16_0.01");
    }

    [Theory]
    [InlineData("next_volume")]
    [InlineData("close_h0")]
    [InlineData("realized_vol_1")]
    [InlineData("regime_hx")]
    [InlineData("regime_h4_-1")]
    public void Unknown_targets_are_refused_with_the_known_names(string name)
    {
        var act = () => TargetSet.Parse(name);
        act.Should().Throw<FormatException>().WithMessage($"*'{name}'*next_close*close_hN*");
    }

    private static double StdSample(params double[] r)
    {
        var mean = r.Average();
        return Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (r.Length - 1));
    }
}
