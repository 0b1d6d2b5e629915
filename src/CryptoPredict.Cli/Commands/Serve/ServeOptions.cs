namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>The typed options of one <c>serve</c> invocation, checked (see <see cref="ServeCommand"/>).</summary>
internal sealed record ServeOptions
{
    public const long DefaultMaxBodyBytes = 1024 * 1024;
    public const int DefaultQueuePerWorker = 32;

    public required string ModelsDir { get; init; }

    public required string DataDir { get; init; }

    /// <summary>Where Kestrel listens; each is loopback unless <see cref="ApiKey"/> is set (checked at start).</summary>
    public required IReadOnlyList<ListenAddress> Urls { get; init; }

    /// <summary>The key every request but <c>GET /health</c> must carry in <c>X-API-Key</c>; null serves without one.</summary>
    public string? ApiKey { get; init; }

    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Dedicated inference threads, each with its own copy of every network it runs.</summary>
    public int MaxConcurrentInference { get; init; } = DefaultInferenceThreads;

    /// <summary>Forecasts waiting for an inference thread before a request is answered 503 with Retry-After.</summary>
    public int MaxQueuedInference { get; init; } = DefaultInferenceThreads * DefaultQueuePerWorker;

    /// <summary>Intra-op threads (libtorch or ONNX Runtime) of each inference thread (their product stays within the cores).</summary>
    public int ThreadsPerInference { get; init; } = 1;

    public string Device { get; init; } = "auto";

    /// <summary>True when ONNX Runtime runs the networks (<c>--engine onnx</c>): libtorch is then never loaded.</summary>
    public bool OnnxEngine { get; init; }

    /// <summary>Two inference threads (at most the cores): enough to overlap requests on a small machine, few enough to keep memory flat.</summary>
    public static int DefaultInferenceThreads => Math.Clamp(Environment.ProcessorCount, 1, 2);
}
