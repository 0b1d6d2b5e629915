using CryptoPredict.Core.Backtesting;

namespace CryptoPredict.Core.Tests.Backtesting;

public class EquityCsvTests
{
    [Fact]
    public void The_first_row_is_the_starting_point_and_each_candle_follows_with_its_position_close_return_and_equity()
    {
        var forecasts = TinySeries.Prices(100, [110, 99], [0.01, -0.01]);
        var curve = EquityCurve.Simulate(forecasts.PriceReturns(), [1, -1], 0.001);

        var lines = EquityCsv.Format(forecasts, curve).Split('\n');

        lines.Should().Equal(
            "timestamp,position,price,return,equity",
            "2024-01-01T00:00:00Z,0,100,0,1",
            $"2024-01-01T01:00:00Z,1,110,{curve.Returns[0]:R},{curve.Equity[0]:R}",
            $"2024-01-01T02:00:00Z,-1,99,{curve.Returns[1]:R},{curve.Equity[1]:R}",
            "");
        double.Parse(lines[2].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(0.099, 1e-15);
        double.Parse(lines[3].Split(',')[4], System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(1.099 * 1.098, 1e-15);
    }
}
