using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

public class CandleTimestampTests
{
    // 2024-02-01T00:00:00Z is Unix 1706745600.
    [Theory]
    [InlineData("2024-02-01T00:00:00Z")]
    [InlineData("2024-02-01T00:00:00.000Z")]
    [InlineData("2024-02-01T00:00:00")]
    [InlineData("2024-02-01T01:00:00+01:00")]
    [InlineData("2024-01-31T19:00:00-05:00")]
    [InlineData("2024-02-01 00:00:00")]
    [InlineData("2024-02-01 00:00:00+00:00")]
    [InlineData("2024-02-01 00:00")]
    [InlineData("2024-02-01")]
    [InlineData("2024-02-01 12-AM")]
    [InlineData("1706745600")]
    [InlineData("1706745600.0")]
    [InlineData("1706745600000")]
    [InlineData("1706745600000000")]
    [InlineData(" 1706745600000 ")]
    public void Every_supported_spelling_gives_the_same_utc_instant(string text)
    {
        CandleTimestamp.TryParse(text, out var utc).Should().BeTrue();

        utc.Should().Be(new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        utc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void Afternoon_hours_of_the_cryptodatadownload_spelling_are_read_as_pm()
    {
        CandleTimestamp.Parse("2020-09-19 07-PM").Should().Be(new DateTime(2020, 9, 19, 19, 0, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("01/02/2020")]
    [InlineData("2020-02-30")]
    [InlineData("-1706745600")]
    [InlineData("1.2.3")]
    [InlineData("170674560000000000000")]
    public void Anything_else_is_refused(string text)
    {
        CandleTimestamp.TryParse(text, out _).Should().BeFalse();
        var act = () => CandleTimestamp.Parse(text);
        act.Should().Throw<FormatException>().WithMessage($"*'{text}'*");
    }
}
