namespace CryptoPredict.Core.Tests.Models;

/// <summary>
/// libtorch's generator and live-tensor counter are process-wide: tests that seed it or count tensors run in this
/// collection, alone (after the parallel collections).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchTests
{
    public const string Name = "libtorch (process-wide state)";
}

/// <summary>A test that needs CUDA: reported as skipped (not passed) where libtorch sees no GPU.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!CryptoPredict.Torch.Cuda.IsAvailable)
        {
            Skip = "CUDA is not available on this machine (libtorch sees no GPU).";
        }
    }
}
