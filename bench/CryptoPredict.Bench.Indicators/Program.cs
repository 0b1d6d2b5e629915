using System.Diagnostics;
using System.Globalization;
using CryptoPredict.Bench.Indicators;
using CryptoPredict.Core.Indicators;
using CryptoPredict.Core.Market;

// Computes every indicator (default parameters) over 1,000,000 synthetic candles and reports the median wall time
// of several runs after a warm-up. Usage: [candles] [runs]. Pinned to one core where the OS allows it.
var candles = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;

if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
{
    Process.GetCurrentProcess().ProcessorAffinity = 1;
}

var series = SyntheticMarket.Generate(candles, seed: 42);
(string Name, Func<CandleSeries, object> Compute)[] indicators =
[
    ("sma_20", s => s.Sma()),
    ("ema_12", s => s.Ema()),
    ("wma_20", s => s.Wma()),
    ("rsi_14", s => s.Rsi()),
    ("macd", s => s.Macd()),
    ("bbands_20", s => s.BollingerBands()),
    ("atr_14", s => s.Atr()),
    ("natr_14", s => s.Natr()),
    ("obv", s => s.Obv()),
    ("stoch", s => s.Stochastic()),
    ("adx_14", s => s.Adx()),
    ("cci_20", s => s.Cci()),
    ("willr_14", s => s.WilliamsR()),
    ("mfi_14", s => s.Mfi()),
    ("roc_10", s => s.Roc()),
    ("stddev_20", s => s.StdDev()),
    ("hv_20", s => s.HistoricalVolatility()),
    ("vwap_20", s => s.RollingVwap()),
    ("vwap_daily", s => s.DailyVwap()),
    ("fib_50", s => s.FibonacciLevels()),
    ("volume_ratio_20", s => s.VolumeRatio()),
    ("log_return", s => s.LogReturn()),
];

var perIndicator = indicators.Select(_ => new List<double>()).ToArray();
var totals = new List<double>();
for (var run = 0; run <= runs; run++)
{
    var total = Stopwatch.StartNew();
    for (var k = 0; k < indicators.Length; k++)
    {
        var watch = Stopwatch.StartNew();
        GC.KeepAlive(indicators[k].Compute(series));
        perIndicator[k].Add(watch.Elapsed.TotalMilliseconds);
    }

    // Run 0 is the warm-up (JIT, tiering, first-touch of memory) and is not counted.
    if (run > 0)
    {
        totals.Add(total.Elapsed.TotalMilliseconds);
    }
}

Console.WriteLine(FormattableString.Invariant(
    $"CryptoPredict indicators benchmark: {candles:N0} candles, {indicators.Length} indicators, {runs} runs after 1 warm-up, {Environment.ProcessorCount} cores visible, affinity 1 core"));
for (var k = 0; k < indicators.Length; k++)
{
    Console.WriteLine(FormattableString.Invariant($"  {indicators[k].Name,-16} {Median(perIndicator[k].Skip(1)),8:F1} ms"));
}

Console.WriteLine(FormattableString.Invariant(
    $"all indicators: median {Median(totals):F1} ms (min {totals.Min():F1}, max {totals.Max():F1})"));

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
