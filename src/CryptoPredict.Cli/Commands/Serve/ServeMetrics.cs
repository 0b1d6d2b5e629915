using Prometheus;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// What <c>GET /metrics</c> shows, in a registry of this server's own (not prometheus-net's process-wide default, so
/// two servers in one process, as in the tests, count apart): requests and their latency per endpoint and model,
/// bundle loads and their time per model, and the inference queue.
/// </summary>
internal sealed class ServeMetrics
{
    /// <summary>The label of a request that names no model (health, models, metrics) or none that parsed.</summary>
    public const string NoModel = "";

    private readonly Counter _requests;
    private readonly Histogram _latency;
    private readonly Histogram _loads;
    private readonly Counter _rejected;
    private readonly Gauge _queued;

    public ServeMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("cryptopredict_http_requests_total", "HTTP requests answered, by endpoint, model and status.",
            ["endpoint", "model", "status"]);
        _latency = factory.CreateHistogram("cryptopredict_http_request_duration_seconds", "Time from request to answer, by endpoint and model.",
            ["endpoint", "model"], new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        _loads = factory.CreateHistogram("cryptopredict_model_load_seconds", "Time to load and verify a bundle version, by model.",
            ["model"], new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        _rejected = factory.CreateCounter("cryptopredict_inference_rejected_total", "Forecasts refused with 503 because the inference queue was full.");
        _queued = factory.CreateGauge("cryptopredict_inference_queued", "Forecasts waiting for or running on an inference thread.");
    }

    public CollectorRegistry Registry { get; }

    public void Request(string endpoint, string model, int status, TimeSpan elapsed)
    {
        _requests.WithLabels(endpoint, model, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _latency.WithLabels(endpoint, model).Observe(elapsed.TotalSeconds);
    }

    public void ModelLoaded(string model, TimeSpan elapsed) => _loads.WithLabels(model).Observe(elapsed.TotalSeconds);

    public void InferenceRejected() => _rejected.Inc();

    public void InferenceQueued(int delta) => _queued.Inc(delta);
}
