using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

public class CandleFileNameTests
{
    [Theory]
    [InlineData("data/BTCUSDT_1h.csv", "BTCUSDT", "1h")]
    [InlineData("ETHUSDT_15m.csv", "ETHUSDT", "15m")]
    [InlineData("binance-public-data_spot_BTCUSDT-1h-2024-02.csv", "BTCUSDT", "1h")]
    [InlineData("cryptodatadownload_Binance_BTCUSDT_1h.csv", "BTCUSDT", "1h")]
    public void Finds_symbol_and_interval(string path, string symbol, string interval)
    {
        CandleFileName.TryParse(path, out var foundSymbol, out var foundInterval).Should().BeTrue();
        foundSymbol.Should().Be(symbol);
        foundInterval.Should().Be(CandleInterval.Parse(interval));
    }

    [Theory]
    [InlineData("yahoo-finance_BTC-USD_daily.csv")]
    [InlineData("prices.csv")]
    [InlineData("btcusdt_1h.csv")]
    public void Finds_nothing_in_other_names(string path) =>
        CandleFileName.TryParse(path, out _, out _).Should().BeFalse();

    [Fact]
    public void Formats_the_bundled_name() =>
        CandleFileName.Format("BTCUSDT", CandleInterval.FourHours).Should().Be("BTCUSDT_4h.csv");
}
