using CryptoPredict.Core.Backtesting;

namespace CryptoPredict.Core.Tests.Backtesting;

public class ThresholdSweepTests
{
    [Fact]
    public void Start_end_count_gives_evenly_spaced_thresholds_with_both_ends()
    {
        var sweep = ThresholdSweep.Parse("0.0005:0.005:10");

        sweep.Thresholds.Should().HaveCount(10);
        sweep.Thresholds[0].Should().Be(0.0005);
        sweep.Thresholds[^1].Should().Be(0.005);
        sweep.Thresholds[1].Should().Be(0.001, "stepped in decimal, the typed values come out exactly");
        ThresholdSweep.Parse("0:0.0003:7").Thresholds.Should().Equal(0, 0.00005, 0.0001, 0.00015, 0.0002, 0.00025, 0.0003);
        sweep.Thresholds.Should().BeInAscendingOrder();
        sweep.ToString().Should().Be("0.0005:0.005:10");
    }

    [Theory]
    [InlineData("0.001:0.002")]
    [InlineData("0.001:0.002:3:4")]
    [InlineData("a:0.002:3")]
    [InlineData("0.001:0.002:x")]
    [InlineData("0.002:0.001:3")]
    [InlineData("0.001:0.001:3")]
    [InlineData("-0.001:0.002:3")]
    [InlineData("0.001:0.002:1")]
    [InlineData("0.001:0.002:1001")]
    [InlineData("0.001:0.002:-3")]
    [InlineData("0.001:NaN:3")]
    [InlineData("0.001:Infinity:3")]
    public void A_malformed_sweep_is_refused_quoting_it_and_the_rule(string text)
    {
        var act = () => ThresholdSweep.Parse(text);

        act.Should().Throw<FormatException>().WithMessage($"'{text}' is not a sweep: use START:END:COUNT*e.g. 0.0005:0.005:10.");
    }

    [Fact]
    public void The_threshold_with_the_best_validation_sharpe_wins_and_never_in_the_market_ranks_last()
    {
        // Forecasts of +0.3% are followed by gains, those of +0.15% by losses: only a threshold between them keeps the
        // good signals alone. 0.003 and 0.004 are never in the market (Sharpe undefined).
        double[] moves = [0.01, -0.01, 0.005, -0.005, 0.02, 0.008];
        double[] changes = [0.003, 0.0015, 0.003, 0.0015, 0, 0.003];
        var validation = TinySeries.Prices(100, Closes(100, moves), changes);
        var sweep = new ThresholdSweep(0.001, 0.004, 4);

        var choice = sweep.Choose(validation, longOnly: false, TradingCosts.None);

        choice.Chosen.Threshold.Should().Be(0.002);
        choice.Candidates.Select(c => c.Threshold).Should().Equal(sweep.Thresholds);
        var kept = EquityCurve.Simulate(validation.PriceReturns(), [1, 0, 1, 0, 0, 1], 0);
        choice.Chosen.Metrics.Sharpe.Should().BeApproximately(PerformanceMetrics.SharpeOf(kept.Returns, 8760), 1e-9);
        choice.Candidates[0].Metrics.Sharpe.Should().BeLessThan(choice.Chosen.Metrics.Sharpe);
        choice.Candidates[2].Metrics.Sharpe.Should().Be(double.NaN);
        choice.Candidates[3].Metrics.Exposure.Should().Be(0);
        choice.Candles.Should().Be(6);
        choice.From.Should().Be(validation.Times[0]);
    }

    [Fact]
    public void Costs_move_the_choice_to_fewer_trades()
    {
        // Without costs every small forecast is worth trading; at 50 bps a round trip eats a 0.6% move.
        double[] moves = [0.006, -0.006, 0.006, -0.006, 0.03, -0.03, 0.006, -0.006];
        double[] changes = [0.002, -0.002, 0.002, -0.002, 0.01, -0.01, 0.002, -0.002];
        var validation = TinySeries.Prices(100, Closes(100, moves), changes);
        var sweep = new ThresholdSweep(0.001, 0.005, 5);

        sweep.Choose(validation, false, TradingCosts.None).Chosen.Threshold.Should().Be(0.001);
        sweep.Choose(validation, false, new TradingCosts(50, 0)).Chosen.Threshold.Should().Be(0.002, "the 0.2% forecasts are not beyond 0.002, and ties go to the smaller threshold");
    }

    [Fact]
    public void When_no_threshold_ever_trades_the_smallest_is_kept_with_an_undefined_sharpe()
    {
        var validation = TinySeries.Prices(100, [101, 102, 103], [0, 0, 0]);

        var choice = new ThresholdSweep(0.001, 0.002, 2).Choose(validation, false, TradingCosts.None);

        choice.Chosen.Threshold.Should().Be(0.001);
        choice.Chosen.Metrics.Sharpe.Should().Be(double.NaN);
    }

    private static double[] Closes(double start, double[] moves)
    {
        var closes = new double[moves.Length];
        var close = start;
        for (var i = 0; i < moves.Length; i++)
        {
            close *= 1 + moves[i];
            closes[i] = close;
        }

        return closes;
    }
}
