using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

public class CandleIntervalTests
{
    [Theory]
    [InlineData("15m", 15 * 60)]
    [InlineData("1h", 3600)]
    [InlineData("4h", 4 * 3600)]
    [InlineData("1d", 86400)]
    public void Parse_and_format_round_trip(string text, int seconds)
    {
        var interval = CandleInterval.Parse(text);
        interval.Duration.TotalSeconds.Should().Be(seconds);
        interval.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("1y")]
    public void Parse_rejects_malformed_text(string text)
    {
        var act = () => CandleInterval.Parse(text);
        act.Should().Throw<FormatException>().WithMessage($"*'{text}'*");
    }
}
