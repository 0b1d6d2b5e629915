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

/// <summary>A test of behaviour without CUDA: reported as skipped (not passed) on GPU machines.</summary>
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute()
    {
        if (Cuda.IsAvailable)
        {
            Skip = "CUDA is available here; this test checks the error given when it is not.";
        }
    }
}
