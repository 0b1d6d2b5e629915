using CryptoPredict.Core.Failures;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Runtime;

/// <summary>
/// The compute engine as the verbs see it: thread settings, the runtime report and devices chosen by name. Front
/// ends go through here so that none of them needs the libtorch binding itself.
/// </summary>
public static class Engine
{
    /// <summary>Sets libtorch's intra-op thread count before anything runs; a count below 1 is a usage error.</summary>
    public static void ConfigureThreads(int threads)
    {
        if (threads < 1)
        {
            throw new RequestException(FailureKind.Usage, $"--threads must be at least 1 (got {threads}).");
        }

        TorchRuntime.Configure(new TorchRuntimeOptions { Threads = threads });
    }

    /// <summary>The libtorch version, build, devices, threads, BLAS and libraries in use.</summary>
    public static RuntimeReport Report() => RuntimeReport.Collect();

    /// <summary>
    /// The device named by <paramref name="text"/>: auto (CUDA when libtorch sees a GPU, else CPU), cpu, cuda or
    /// cuda:N. An unparsable name or a GPU that is not there is a usage error saying what exists.
    /// </summary>
    public static Device ResolveDevice(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Cuda.IsAvailable ? Device.Cuda(0) : Device.Cpu;
        }

        Device device;
        try
        {
            device = Device.Parse(text);
        }
        catch (FormatException e)
        {
            throw new RequestException(FailureKind.Usage, $"--device '{text}': {e.Message} Use auto, cpu, cuda or cuda:N.");
        }
        catch (ArgumentException e)
        {
            throw new RequestException(FailureKind.Usage, $"--device '{text}': {WithoutParameterName(e)} Use auto, cpu, cuda or cuda:N.");
        }

        if (device.IsCuda && (!Cuda.IsAvailable || device.Index >= Cuda.DeviceCount))
        {
            throw new RequestException(FailureKind.Usage,
                $"--device {text}: no such CUDA device (this libtorch sees {(Cuda.IsAvailable ? Cuda.DeviceCount : 0)} GPU(s)). Use --device cpu or auto.");
        }

        return device;
    }

    /// <summary>An ArgumentException's message without the " (Parameter 'x')" suffix .NET appends.</summary>
    public static string WithoutParameterName(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        if (exception.ParamName is { } name)
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return message;
    }
}
