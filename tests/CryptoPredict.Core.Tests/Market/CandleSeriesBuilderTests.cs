using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

/// <summary>Candles that come from no file (a request's) obey the file rules, said in the same words, naming the candle.</summary>
public sealed class CandleSeriesBuilderTests : IDisposable
{
    private const string Header = "timestamp,open,high,low,close,volume";
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly MarketTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Candle Good(int hour) => new(Start.AddHours(hour), 1, 2, 0.5, 1.5, 10);

    private static CandleDataException Error(params Candle[] candles) =>
        FluentActions.Invoking(() => CandleSeriesBuilder.Build("BTCUSDT", CandleInterval.OneHour, candles, "candles"))
            .Should().Throw<CandleDataException>().Which;

    [Theory]
    [InlineData(1.0, 1.4, 0.5, 1.5, 10.0, CandleDataRule.HighBelowBody)]
    [InlineData(1.0, 2.0, 1.2, 1.5, 10.0, CandleDataRule.LowAboveBody)]
    [InlineData(-1.0, 2.0, 0.5, 1.5, 10.0, CandleDataRule.NonPositivePrice)]
    [InlineData(1.0, 2.0, 0.0, 1.5, 10.0, CandleDataRule.NonPositivePrice)]
    [InlineData(1.0, 2.0, 0.5, 1.5, -0.1, CandleDataRule.NegativeVolume)]
    public void A_candle_breaks_the_rule_a_file_row_with_the_same_values_breaks_with_the_same_explanation(
        double open, double high, double low, double close, double volume, string rule)
    {
        var row = string.Join(",", new[] { open, high, low, close, volume }.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var path = _files.Write("BTCUSDT_1h.csv", Header, "2020-01-01T00:00:00Z,1,2,0.5,1.5,10", "2020-01-01T01:00:00Z," + row);
        var fromFile = FluentActions.Invoking(() => CandleFileReader.Read(path)).Should().Throw<CandleDataException>().Which;

        var fromList = Error(Good(0), new Candle(Start.AddHours(1), open, high, low, close, volume));

        fromList.Rule.Should().Be(rule).And.Be(fromFile.Rule);
        fromList.Explanation.Should().Be(fromFile.Explanation);
        fromList.Message.Should().Be($"candles[1]: {rule}: {fromFile.Explanation}");
    }

    [Fact]
    public void A_value_that_is_not_finite_is_named_by_field()
    {
        var error = Error(Good(0), Good(1), new Candle(Start.AddHours(2), 1, double.PositiveInfinity, 0.5, 1.5, 10));

        error.Message.Should().Be("candles[2]: not-finite: Infinity in column 'high' is not a finite number.");
    }

    [Fact]
    public void Order_duplicates_and_spacing_are_checked_against_the_interval()
    {
        Error(Good(0), Good(2), Good(1)).Rule.Should().Be(CandleDataRule.OutOfOrder);
        Error(Good(0), Good(1), Good(1)).Message.Should().StartWith("candles[2]: duplicate-time: timestamp 2020-01-01T01:00:00Z is also the open time of candles[1]");
        Error(Good(0), new Candle(Start.AddMinutes(90), 1, 2, 0.5, 1.5, 10)).Rule.Should().Be(CandleDataRule.IrregularSpacing);
        Error().Rule.Should().Be(CandleDataRule.EmptyFile);
    }

    [Fact]
    public void A_gap_of_whole_intervals_is_kept_as_in_a_file()
    {
        var series = CandleSeriesBuilder.Build("BTCUSDT", CandleInterval.OneHour, [Good(0), Good(1), Good(5)], "candles");

        series.Count.Should().Be(3);
        new GapMap(series).MissingCandles.Should().Be(3);
    }

    [Fact]
    public void Extra_columns_are_kept_and_must_be_finite()
    {
        var series = CandleSeriesBuilder.Build("BTCUSDT", CandleInterval.OneHour, [Good(0), Good(1)], "candles",
            new Dictionary<string, double[]> { ["funding"] = [0.1, 0.2] });
        series.ExtraColumns["funding"].Should().Equal(0.1, 0.2);

        FluentActions.Invoking(() => CandleSeriesBuilder.Build("BTCUSDT", CandleInterval.OneHour, [Good(0), Good(1)], "candles",
                new Dictionary<string, double[]> { ["funding"] = [0.1, double.NaN] }))
            .Should().Throw<CandleDataException>().WithMessage("candles[1]: not-finite: NaN in column 'funding'*");
    }
}
