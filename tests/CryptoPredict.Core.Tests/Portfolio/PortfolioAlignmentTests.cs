using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Portfolio;

namespace CryptoPredict.Core.Tests.Portfolio;

public class PortfolioAlignmentTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static SymbolForecasts Symbol(string name, int[] hours, int tradedFrom, double scale)
    {
        var times = hours.Select(h => Start.AddHours(h)).ToArray();
        var closes = hours.Select(h => scale * (100 + h)).ToArray();
        var series = new CandleSeries(name, CandleInterval.OneHour, times, closes, closes, closes, closes, closes.Select(_ => 1.0).ToArray());
        var traded = Enumerable.Range(tradedFrom, hours.Length - tradedFrom).ToArray();
        var forecasts = new ModelForecasts(
            ForecastKind.Close, CandleInterval.OneHour, times[tradedFrom - 1], closes[tradedFrom - 1],
            traded.Select(r => times[r]).ToArray(), traded.Select(r => closes[r]).ToArray(), traded.Select(r => 0.001 * r).ToArray());
        return new SymbolForecasts(name, series, forecasts);
    }

    [Fact]
    public void The_traded_candles_are_the_common_ones_inside_every_test_part_and_what_does_not_align_is_said()
    {
        // A has hours 0..19, B lacks hour 15; A trades from hour 10, B from hour 12.
        var a = Symbol("AUSDT", Enumerable.Range(0, 20).ToArray(), 10, 1);
        var b = Symbol("BUSDT", Enumerable.Range(0, 20).Where(h => h != 15).ToArray(), 12, 2);

        var aligned = PortfolioAlignment.Align([a, b]);

        var market = aligned.Market;
        market.Times.Should().HaveCount(19);
        market.Times[market.FirstTraded].Should().Be(Start.AddHours(12));
        market.Times[market.LastTraded].Should().Be(Start.AddHours(19));
        market.Count.Should().Be(7);
        market.Gaps.Should().Be(1, "hour 16 follows hour 14 on the common timeline");
        market.Return(1, market.FirstTraded).Should().BeApproximately((2 * 112.0 / (2 * 111.0)) - 1, 1e-15);
        market.Forecast(0, market.FirstTraded).Should().Be(0.001 * 12, "A's forecast of hour 12");
        aligned.Notes.Should().Contain(n => n.Contains("do not align") && n.Contains("3 of AUSDT's 10 test candles"));
        aligned.Notes.Should().Contain(n => n.Contains("1 traded candles follow a gap"));
    }

    [Fact]
    public void Test_parts_that_do_not_overlap_are_refused_naming_each_range()
    {
        var a = Symbol("AUSDT", Enumerable.Range(0, 10).ToArray(), 5, 1);
        var b = Symbol("BUSDT", Enumerable.Range(20, 10).ToArray(), 5, 1);

        var act = () => PortfolioAlignment.Align([a, b]);

        act.Should().Throw<RequestException>().Where(e => e.Kind == FailureKind.BadData)
            .WithMessage("*no traded candle in common*AUSDT 2024-01-01 05:00*BUSDT*");
    }
}
