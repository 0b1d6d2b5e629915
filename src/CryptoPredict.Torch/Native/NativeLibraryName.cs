namespace CryptoPredict.Torch.Native;

internal static class NativeLibraryName
{
    /// <summary>The bridge built from native/ (libcptorch.so).</summary>
    public const string Bridge = "cptorch";
}
