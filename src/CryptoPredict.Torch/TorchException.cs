namespace CryptoPredict.Torch;

/// <summary>A libtorch failure (shape mismatch, bad device, unreadable file, ...) reported by the bridge.</summary>
public sealed class TorchException : Exception
{
    public TorchException() { }

    public TorchException(string message) : base(message) { }

    public TorchException(string message, Exception innerException) : base(message, innerException) { }

    internal TorchException(string operation, string nativeMessage)
        : base($"{operation}: {nativeMessage.Trim()}")
    {
        Operation = operation;
        NativeMessage = nativeMessage.Trim();
    }

    /// <summary>The binding operation that failed, e.g. <c>matmul</c>.</summary>
    public string? Operation { get; }

    /// <summary>libtorch's own message, without its C++ backtrace.</summary>
    public string? NativeMessage { get; }
}
