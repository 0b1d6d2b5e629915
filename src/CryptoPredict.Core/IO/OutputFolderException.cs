namespace CryptoPredict.Core.IO;

/// <summary>A folder a run must write to cannot be created or written; found before any work is done.</summary>
public sealed class OutputFolderException : Exception
{
    public OutputFolderException()
    {
    }

    public OutputFolderException(string message)
        : base(message)
    {
    }

    public OutputFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OutputFolderException(string folder, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Folder = folder;
    }

    public string? Folder { get; }
}
