using System.Globalization;
using System.Text;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// <c>backtest --equity</c>: <c>timestamp,position,price,return,equity</c>, one row per traded candle (its open time
/// in the data files' ISO form, the position held over it, its close, the net return and the equity after it), after
/// a first row for the starting point (the candle before the first traded one: position 0, return 0, equity 1).
/// Numbers round-trip (shortest "R" form), invariant culture.
/// </summary>
public static class EquityCsv
{
    public const string Header = "timestamp,position,price,return,equity";

    public static string Format(ModelForecasts forecasts, EquityCurve curve)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count != forecasts.Count)
        {
            throw new ArgumentException($"The curve has {curve.Count} candles but the forecasts {forecasts.Count}.", nameof(curve));
        }

        var text = new StringBuilder(Header.Length + 2 + ((forecasts.Count + 1) * 72));
        text.Append(Header).Append('\n');
        Row(text, forecasts.StartTime, 0, forecasts.StartClose, 0, 1);
        for (var i = 0; i < curve.Count; i++)
        {
            Row(text, forecasts.Times[i], curve.Positions[i], forecasts.Closes[i], curve.Returns[i], curve.Equity[i]);
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, DateTime time, double position, double price, double netReturn, double equity) =>
        text.Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
            .Append(Number(position)).Append(',').Append(Number(price)).Append(',')
            .Append(Number(netReturn)).Append(',').Append(Number(equity)).Append('\n');

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
