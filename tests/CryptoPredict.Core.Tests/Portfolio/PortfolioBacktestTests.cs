using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Portfolio;

namespace CryptoPredict.Core.Tests.Portfolio;

public class PortfolioBacktestTests
{
    private static readonly PortfolioSettings Settings = new(0.6, 50, 7, 30, new TradingCosts(10, 0));

    [Fact]
    public void Weights_and_returns_before_a_candle_do_not_move_when_it_and_later_candles_change()
    {
        var (times, closes, forecasts) = SyntheticMarket.Walks(3, 300, seed: 7);
        var original = PortfolioBacktest.Run(SyntheticMarket.Of(times, closes, forecasts, 200), Settings);

        // Candle t = 49 (row 249) is a rebalance (every 7): change its close and every later close and forecast.
        const int changed = 49;
        for (var i = 0; i < 3; i++)
        {
            for (var k = 200 + changed; k < 300; k++)
            {
                closes[i][k] *= 1.5 + (0.01 * k);
                forecasts[i][k] = -forecasts[i][k] + 0.01;
            }
        }

        var altered = PortfolioBacktest.Run(SyntheticMarket.Of(times, closes, forecasts, 200), Settings);

        // The weights chosen at candle 49 came from forecasts made before it: its forecasts changed, so compare the
        // rebalances before it, and the covariance of the rebalance at 49 (its own return is not in the window).
        altered.Rebalances.Take(changed / 7).Should().BeEquivalentTo(original.Rebalances.Take(changed / 7), o => o.WithStrictOrdering());
        for (var t = 0; t < changed; t++)
        {
            altered.Strategy.Curve.Weights[t].Should().Equal(original.Strategy.Curve.Weights[t], "candle {0}", t);
            altered.Strategy.Curve.Curve.Returns[t].Should().Be(original.Strategy.Curve.Curve.Returns[t], "candle {0}", t);
            altered.EqualWeight.Curve.Curve.Returns[t].Should().Be(original.EqualWeight.Curve.Curve.Returns[t]);
        }

        altered.Strategy.Curve.Curve.Returns.Skip(changed).Should().NotEqual(original.Strategy.Curve.Curve.Returns.Skip(changed), "the change must matter");
    }

    [Fact]
    public void The_covariance_of_a_rebalance_ends_with_the_candle_before_it()
    {
        var (times, closes, forecasts) = SyntheticMarket.Walks(2, 120, seed: 3);
        var before = PortfolioBacktest.Run(SyntheticMarket.Of(times, closes, forecasts, 100), Settings);

        // Move only the rebalance candle's own close (row 107, t = 7) and everything after it, keeping its forecasts.
        for (var k = 107; k < 120; k++)
        {
            closes[0][k] *= 3;
        }

        var after = PortfolioBacktest.Run(SyntheticMarket.Of(times, closes, forecasts, 100), Settings);

        after.Rebalances[1].Should().BeEquivalentTo(before.Rebalances[1], "the weights at t = 7 know candles up to t = 6 only");
        after.Rebalances[2].Shrinkage.Should().NotBe(before.Rebalances[2].Shrinkage, "at t = 14 the changed return is in the window");
        before.Rebalances[1].Returns.Should().Be(30);
    }

    [Fact]
    public void Rebalances_follow_the_schedule_and_the_benchmarks_are_equal_weight_and_the_first_symbol_held()
    {
        var (times, closes, forecasts) = SyntheticMarket.Walks(3, 250, seed: 11);
        var market = SyntheticMarket.Of(times, closes, forecasts, 200);

        var result = PortfolioBacktest.Run(market, Settings);

        result.Rebalances.Select(r => r.Time).Should().Equal(Enumerable.Range(0, 8).Select(j => times[200 + (7 * j)]));
        result.Rebalances.Should().OnlyContain(r => CappedSimplex.Contains(r.Weights.ToArray(), new[] { 0.6, 0.6, 0.6 }, 1e-12));
        result.Rebalances.Should().Contain(r => r.Weights.Any(w => w > 0), "some forecasts are positive");
        foreach (var r in result.Rebalances)
        {
            for (var i = 0; i < 3; i++)
            {
                if (r.ExpectedReturns[i] <= 0 && r.Weights.Sum() < 1e-9)
                {
                    r.Weights[i].Should().Be(0);
                }
            }
        }

        result.EqualWeight.Curve.Weights[0].Should().Equal(1.0 / 3, 1.0 / 3, 1.0 / 3);
        result.EqualWeight.Curve.Weights[7].Should().Equal(1.0 / 3, 1.0 / 3, 1.0 / 3);
        result.EqualWeight.Metrics.Trades.Should().Be(8);
        var held = closes[0][249] / closes[0][199];
        (result.BuyAndHold.Curve.Curve.Equity[^1]).Should().BeApproximately(((closes[0][200] / closes[0][199]) - 0.001) * (closes[0][249] / closes[0][200]), 1e-9,
            "buy-and-hold pays the entry once, then rides the first symbol");
        held.Should().BePositive();
        result.BuyAndHold.Metrics.Trades.Should().Be(1);
    }

    [Fact]
    public void A_symbol_without_a_forecast_gets_no_weight_and_too_little_history_is_refused()
    {
        var (times, closes, forecasts) = SyntheticMarket.Walks(2, 60, seed: 5);
        for (var k = 0; k < 60; k++)
        {
            forecasts[0][k] = double.NaN;
            forecasts[1][k] = 0.01;
        }

        var result = PortfolioBacktest.Run(SyntheticMarket.Of(times, closes, forecasts, 40), Settings);
        result.Rebalances.Should().OnlyContain(r => r.Weights[0] == 0 && r.Weights[1] > 0);

        var act = () => PortfolioBacktest.Run(SyntheticMarket.Of(times, closes, forecasts, 2), Settings);
        act.Should().Throw<RequestException>().Which.Kind.Should().Be(FailureKind.BadData);
    }
}
