namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>What every endpoint of one server shares: its options, the bundle cache, the inference threads and the metrics.</summary>
internal sealed record ServeServices(ServeOptions Options, BundleCache Bundles, InferencePool Inference, ServeMetrics Metrics);
