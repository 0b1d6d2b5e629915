namespace CryptoPredict.Torch.Tests;

/// <summary>A test that needs CUDA: reported as skipped (not passed) where libtorch sees no GPU.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!Cuda.IsAvailable)
        {
            Skip = "CUDA is not available on this machine (libtorch sees no GPU).";
        }
    }
}
