using CryptoPredict.Core.Indicators;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Indicators;

public class ParameterAndWarmUpTests
{
    private static readonly CandleSeries Series = SyntheticCandles.Create(100, seed: 3);

    public static TheoryData<string, int, Action> InvalidCalls() => new()
    {
        { "period", 0, () => Series.Sma(0) },
        { "period", 0, () => Series.Ema(0) },
        { "period", -1, () => Series.Wma(-1) },
        { "period", 1, () => Series.Rsi(1) },
        { "fast", 0, () => Series.Macd(0, 26, 9) },
        { "slow", 12, () => Series.Macd(12, 12, 9) },
        { "signal", 0, () => Series.Macd(12, 26, 0) },
        { "period", 1, () => Series.BollingerBands(1) },
        { "period", 0, () => Series.Atr(0) },
        { "period", 0, () => Series.Natr(0) },
        { "kPeriod", 0, () => Series.Stochastic(0) },
        { "slowK", 0, () => Series.Stochastic(14, 0) },
        { "slowD", 0, () => Series.Stochastic(14, 3, 0) },
        { "period", 1, () => Series.Adx(1) },
        { "period", 1, () => Series.Cci(1) },
        { "period", 1, () => Series.WilliamsR(1) },
        { "period", 1, () => Series.Mfi(1) },
        { "period", 0, () => Series.Roc(0) },
        { "period", 1, () => Series.StdDev(1) },
        { "period", 1, () => Series.HistoricalVolatility(1) },
        { "period", 0, () => Series.RollingVwap(0) },
        { "lookback", 0, () => Series.FibonacciLevels(0) },
        { "period", 0, () => Series.VolumeRatio(0) },
        { "period", 0, () => SeriesIndicators.Sma(new double[] { 1, 2 }, 0) },
    };

    [Theory]
    [MemberData(nameof(InvalidCalls))]
    public void Invalid_parameters_name_the_parameter_and_value(string parameter, int value, Action call)
    {
        call.Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == parameter && Equals(e.ActualValue, value))
            .WithMessage($"{parameter} must be*{value}*");
    }

    [Fact]
    public void Bollinger_deviations_must_be_finite_and_non_negative()
    {
        var act = () => Series.BollingerBands(20, double.NaN);
        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "deviations");
        act = () => Series.BollingerBands(20, -1);
        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "deviations");
    }

    [Theory]
    [MemberData(nameof(IndicatorCatalog.Names), MemberType = typeof(IndicatorCatalog))]
    public void Series_shorter_than_the_warm_up_give_NaN_not_exceptions(string name)
    {
        var compute = IndicatorCatalog.AllOutputs[name];
        compute(Series.Slice(0, 0)).Should().BeEmpty();

        var shortSeries = Series.Slice(0, 5);
        var values = compute(shortSeries);
        values.Should().HaveCount(5);
        if (name is "obv" or "vwap_daily" or "log_return")
        {
            values[1..].Should().AllSatisfy(v => double.IsNaN(v).Should().BeFalse(), "{0} is defined from its first rows", name);
        }
        else
        {
            values.Should().AllSatisfy(v => double.IsNaN(v).Should().BeTrue(), "5 candles are inside {0}'s warm-up", name);
        }
    }

    [Theory]
    [MemberData(nameof(IndicatorCatalog.Names), MemberType = typeof(IndicatorCatalog))]
    public void After_warm_up_values_are_finite(string name)
    {
        var values = IndicatorCatalog.AllOutputs[name](Series);
        var firstDefined = Array.FindIndex(values, v => !double.IsNaN(v));
        firstDefined.Should().BeInRange(0, 60);
        values[firstDefined..].Should().AllSatisfy(v => double.IsFinite(v).Should().BeTrue());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(25)]
    [InlineData(26)]
    [InlineData(33)]
    [InlineData(34)]
    public void Macd_warm_up_ends_at_slow_plus_signal_minus_two(int count)
    {
        var macd = Series.Slice(0, count).Macd();
        for (var i = 0; i < count; i++)
        {
            double.IsNaN(macd.Macd[i]).Should().Be(i < 33);
            double.IsNaN(macd.Signal[i]).Should().Be(i < 33);
            double.IsNaN(macd.Histogram[i]).Should().Be(i < 33);
        }
    }

    [Fact]
    public void Series_entry_points_agree_with_candle_entry_points()
    {
        SeriesIndicators.Sma(Series.Close, 7).Should().Equal(Series.Sma(7));
        SeriesIndicators.Ema(Series.Close, 7).Should().Equal(Series.Ema(7));
        SeriesIndicators.Rsi(Series.Close, 7).Should().Equal(Series.Rsi(7));
    }
}
