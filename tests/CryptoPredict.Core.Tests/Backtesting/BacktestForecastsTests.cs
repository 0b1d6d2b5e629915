using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Tests.Evaluation;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Tests.Models;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Backtesting;

[Collection(SerialTorchTests.Name)]
public sealed class BacktestForecastsTests(EvaluatorBundles bundles) : IClassFixture<EvaluatorBundles>
{
    private readonly List<EvaluationNote> _notes = [];

    private ModelForecasts Compute(string bundle, CandleSeries series, BacktestPart part)
    {
        using var forecaster = new Forecaster(ModelBundle.Load(bundle), Device.Cpu);
        return BacktestForecasts.Compute(forecaster, series, part, _notes.Add);
    }

    [Fact]
    public void Removing_or_changing_later_candles_never_changes_an_earlier_position_or_return()
    {
        var full = RealCandles.Btc(0, 2000);
        var cut = RealCandles.Btc(0, 1400);
        var changed = WithLaterCloses(full, from: 1400, factor: 1.5);
        var costs = new TradingCosts(10, 5);
        var cutForecasts = Compute(bundles.Close, cut, BacktestPart.All);

        // A one-epoch model forecasts tiny changes: the median one as the threshold keeps the rule trading.
        var median = cutForecasts.Values.Where(v => !double.IsNaN(v)).Select(Math.Abs).Order().ElementAt(cutForecasts.Count / 2);
        var rule = new ThresholdRule(median, longOnly: false);
        var onCut = Backtest.Run(cutForecasts, rule, costs);
        var onFull = Backtest.Run(Compute(bundles.Close, full, BacktestPart.All), rule, costs);
        var onChanged = Backtest.Run(Compute(bundles.Close, changed, BacktestPart.All), rule, costs);

        // The cut file trades candles up to row 1399; each of them must come out the same on the longer files.
        var n = onCut.Forecasts.Count;
        n.Should().BeGreaterThan(1000);
        onCut.Strategy.Curve.Positions.Distinct().Should().HaveCountGreaterThan(1, "a rule that never trades would prove nothing");
        foreach (var other in new[] { onFull, onChanged })
        {
            other.Forecasts.Times.Take(n).Should().Equal(onCut.Forecasts.Times);
            other.Strategy.Curve.Positions.Take(n).Should().Equal(onCut.Strategy.Curve.Positions);
            other.Strategy.Curve.Returns.Take(n).Should().Equal(onCut.Strategy.Curve.Returns);
            other.Strategy.Curve.Equity.Take(n).Should().Equal(onCut.Strategy.Curve.Equity);
            for (var i = 0; i < n; i++)
            {
                if (double.IsNaN(onCut.Forecasts.Values[i]))
                {
                    other.Forecasts.Values[i].Should().Be(double.NaN, "candle {0} has no forecast on the cut file", i);
                }
                else
                {
                    other.Forecasts.Values[i].Should().BeApproximately(onCut.Forecasts.Values[i], 1e-9, "candle {0}", i);
                }
            }
        }

        // The changed closes start at row 1400: the position over it was decided at row 1399, before the change.
        onChanged.Strategy.Curve.Positions[n].Should().Be(onFull.Strategy.Curve.Positions[n]);
        onChanged.Forecasts.PriceReturns()[n].Should().NotBe(onFull.Forecasts.PriceReturns()[n]);
    }

    [Fact]
    public void The_forecast_for_a_candle_is_the_one_made_on_the_window_ending_at_the_candle_before()
    {
        var series = RealCandles.BtcHead2000;
        var forecasts = Compute(bundles.Close, series, BacktestPart.All);

        using var forecaster = new Forecaster(ModelBundle.Load(bundles.Close), Device.Cpu);
        var windows = forecaster.WindowsOf(forecaster.ComputeFeatures(series));
        var rows = series.OpenTimes.ToArray();
        var probe = Enumerable.Range(0, forecasts.Count).Where(i => !double.IsNaN(forecasts.Values[i])).Where((_, k) => k % 97 == 0).ToArray();
        var origins = probe.Select(i => Array.IndexOf(rows, forecasts.Times[i]) - 1).ToArray();
        var direct = forecaster.Forecast(windows, origins);
        for (var k = 0; k < probe.Length; k++)
        {
            var lastClose = series.Close[origins[k]];
            forecasts.Values[probe[k]].Should().BeApproximately((lastClose * Math.Exp(direct[k]) / lastClose) - 1, 1e-9);
            forecasts.Closes[probe[k]].Should().Be(series.Close[origins[k] + 1]);
        }

        forecasts.StartTime.Should().Be(series.OpenTimes[Array.IndexOf(rows, forecasts.Times[0]) - 1]);
    }

    [Fact]
    public void A_candle_after_a_gap_or_without_a_full_window_before_it_is_flat()
    {
        var series = RealCandles.BtcHead2000;
        var forecasts = Compute(bundles.Close, series, BacktestPart.All);

        var gaps = new GapMap(series).Gaps;
        gaps.Should().HaveCount(3);
        foreach (var gap in gaps)
        {
            var after = Enumerable.Range(0, forecasts.Count).First(i => forecasts.Times[i] > gap.End);
            double.IsNaN(forecasts.Values[after]).Should().BeTrue("the candle after the gap {0} was not the one the window forecast", gap.Start);
            double.IsNaN(forecasts.Values[after + 1]).Should().BeTrue("a window of 16 cannot span the gap");
        }

        forecasts.WithoutForecast.Should().BeGreaterThan(0);
        new ThresholdRule(0, false).Positions(forecasts).Where((_, i) => double.IsNaN(forecasts.Values[i])).Should().OnlyContain(p => p == 0);
        _notes.Should().Contain(n => n.Message.Contains("have no usable window before them"));
        _notes.Should().Contain(n => n.IsWarning && n.Message.Contains("the candles the model was trained on"));
    }

    [Fact]
    public void The_test_and_validation_parts_trade_the_candles_after_the_recorded_origins()
    {
        var series = RealCandles.BtcHead2000;
        var split = ModelBundle.Load(bundles.Close).Description.Split;
        var rows = series.OpenTimes.ToArray();

        var test = Compute(bundles.Close, series, BacktestPart.Test);
        var validation = Compute(bundles.Close, series, BacktestPart.Validation);

        test.StartTime.Should().Be(split.TestFrom);
        test.Times[^1].Should().Be(rows[Array.IndexOf(rows, split.TestTo) + 1]);
        test.Count.Should().Be(Array.IndexOf(rows, split.TestTo) - Array.IndexOf(rows, split.TestFrom) + 1);
        validation.StartTime.Should().Be(split.ValidationFrom);
        validation.Times[^1].Should().BeBefore(test.StartTime);
        _notes.Should().NotContain(n => n.IsWarning, "these are the candles the model was trained on");
    }

    [Fact]
    public void Candles_outside_the_recorded_range_are_refused_with_the_reason()
    {
        var later = RealCandles.Btc(4000, 500);

        var act = () => Compute(bundles.Close, later, BacktestPart.Test);

        act.Should().Throw<ForecastDataException>().WithMessage("no candle to trade*none in the model's test range*Pass --data FILE*");
        _notes.Should().Contain(n => n.IsWarning && n.Message.Contains("not the ones the model was trained on"));
    }

    [Fact]
    public void The_volatility_model_forecasts_a_volatility_per_candle()
    {
        var forecasts = Compute(bundles.Volatility, RealCandles.BtcHead2000, BacktestPart.Test);

        forecasts.Kind.Should().Be(ForecastKind.Volatility);
        forecasts.Values.Where(v => !double.IsNaN(v)).Should().OnlyContain(v => v >= 0).And.NotBeEmpty();
        var result = Backtest.Run(forecasts, new VolatilityTargetRule(0.5, forecasts.PeriodsPerYear), new TradingCosts(10, 0));
        result.Strategy.Curve.Positions.Should().OnlyContain(p => p >= 0 && p <= 1);
    }

    private static CandleSeries WithLaterCloses(CandleSeries series, int from, double factor)
    {
        double[] Scaled(ReadOnlySpan<double> values) => values.ToArray().Select((v, i) => i >= from ? v * factor : v).ToArray();
        return new CandleSeries(series.Symbol, series.Interval, series.OpenTimes.ToArray(), Scaled(series.Open), Scaled(series.High), Scaled(series.Low), Scaled(series.Close), series.Volume.ToArray());
    }
}
