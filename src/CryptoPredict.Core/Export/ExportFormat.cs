namespace CryptoPredict.Core.Export;

/// <summary>What <c>export --format</c> writes: an ONNX model, or a PyTorch state dictionary with its module.</summary>
public enum ExportFormat
{
    Onnx,
    PyTorch,
}
