using System.CommandLine;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Runtime;
using CryptoPredict.Torch;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>--engine libtorch|onnx</c> of <c>predict</c> and <c>serve</c>: what runs a bundle's network. The onnx engine runs
/// the model <c>export --format onnx</c> writes, built from the bundle in memory, through ONNX Runtime on the CPU, and
/// never loads libtorch, so neither <c>--device</c> nor libtorch's thread settings are touched for it.
/// </summary>
internal static class InferenceEngineOption
{
    public const string LibTorch = "libtorch";
    public const string Onnx = "onnx";

    public static Option<string> Create()
    {
        var option = new Option<string>("--engine")
        {
            Description = "What runs the network: libtorch (default, CPU or CUDA per --device) or onnx (ONNX Runtime on the CPU, " +
                "the model export --format onnx writes, built from the bundle; libtorch is not loaded).",
            DefaultValueFactory = _ => LibTorch,
        };
        option.CompletionSources.Add(LibTorch, Onnx);
        return option;
    }

    /// <summary>True for onnx, false for libtorch (either spelled in any case); null for anything else.</summary>
    public static bool? IsOnnx(string engine) =>
        string.Equals(engine, Onnx, StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(engine, LibTorch, StringComparison.OrdinalIgnoreCase) ? false
        : null;

    public static string Problem(string engine) => $"--engine {engine}: use {LibTorch} or {Onnx}.";

    /// <summary>
    /// What builds an engine for a bundle, and the device it runs on. For libtorch the device is resolved now (loading
    /// libtorch); for onnx it is not (the device is the CPU), and <paramref name="threads"/> becomes ONNX Runtime's
    /// intra-op thread count (null: its own choice).
    /// </summary>
    public static (Func<ModelBundle, IForecastEngine> Create, Device Device) Factory(bool onnx, string device, int? threads)
    {
        if (onnx)
        {
            return (bundle => new OnnxForecastEngine(bundle, threads), Device.Cpu);
        }

        var resolved = Engine.ResolveDevice(device);
        return (bundle => new Forecaster(bundle, resolved), resolved);
    }
}
