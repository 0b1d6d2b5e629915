using System.Diagnostics;
using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Torch;

// One process, one engine: the time from process start to the first forecast (cold start: runtime start, bundle
// load, engine creation, features, the first window), then the median latency of a request (features of the
// candles and the forecast of the latest window, as predict and serve do) over N more requests, and of the network
// alone on that window. bench/run-inference.sh runs it in fresh processes, engines interleaved.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: CryptoPredict.Bench.Inference BUNDLE_DIR CANDLES.csv libtorch|onnx REQUESTS");
    return 1;
}

var requests = int.Parse(args[3], CultureInfo.InvariantCulture);
var bundle = ModelBundle.Load(args[0]);
var series = CandleFileReader.Read(args[1], new CandleReadOptions { Symbol = bundle.Description.Symbol, Interval = CandleInterval.Parse(bundle.Description.Interval) }).Series;
if (args[2] != "onnx")
{
    TorchRuntime.Configure(new TorchRuntimeOptions { Threads = 1 });
}

using IForecastEngine engine = args[2] == "onnx" ? new OnnxForecastEngine(bundle, threads: 1) : new Forecaster(bundle, Device.Cpu);
var first = Predictor.PredictLatest(engine, series);
var cold = DateTime.UtcNow - Process.GetCurrentProcess().StartTime.ToUniversalTime();

var request = new double[requests];
for (var i = 0; i < requests; i++)
{
    var clock = Stopwatch.StartNew();
    Predictor.PredictLatest(engine, series);
    request[i] = clock.Elapsed.TotalMilliseconds;
}

var windows = new CryptoPredict.Core.Features.InputWindows(Forecaster.ComputeFeatures(bundle.Description, series), bundle.Description.Window);
int[] last = [windows.Features.RowCount - 1];
var network = new double[requests];
for (var i = 0; i < requests; i++)
{
    var clock = Stopwatch.StartNew();
    engine.Forecast(windows, last);
    network[i] = clock.Elapsed.TotalMilliseconds;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"engine\":\"{engine.Name}\",\"model\":\"{bundle.Description.Architecture.Name}\",\"cold_start_ms\":{cold.TotalMilliseconds:0.0}," +
    $"\"request_median_ms\":{Median(request):0.000},\"network_median_ms\":{Median(network):0.000},\"forecast\":{first.Values[0].Value:R}}}"));
return 0;

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}
