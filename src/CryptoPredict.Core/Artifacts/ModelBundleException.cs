namespace CryptoPredict.Core.Artifacts;

/// <summary>A model bundle is missing, unreadable, of another format version, or does not fit the data given to it.</summary>
public sealed class ModelBundleException : Exception
{
    public ModelBundleException()
    {
    }

    public ModelBundleException(string message)
        : base(message)
    {
    }

    public ModelBundleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
