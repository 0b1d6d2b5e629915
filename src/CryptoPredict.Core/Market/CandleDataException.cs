namespace CryptoPredict.Core.Market;

/// <summary>
/// A candle file broke a data rule. The message reads <c>FILE:LINE: rule: explanation</c> (or
/// <c>FILE: rule: explanation</c> when the problem is not tied to one line) so that editors and
/// terminals can jump to the offending line.
/// </summary>
public sealed class CandleDataException : Exception
{
    public CandleDataException(string filePath, int? lineNumber, string rule, string explanation)
        : base(FormatMessage(filePath, lineNumber, rule, explanation))
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Rule = rule;
        Explanation = explanation;
    }

    public CandleDataException()
        : this(string.Empty, null, string.Empty, string.Empty)
    {
    }

    public CandleDataException(string message)
        : base(message)
    {
        FilePath = string.Empty;
        Rule = string.Empty;
        Explanation = message;
    }

    public CandleDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
        Rule = string.Empty;
        Explanation = message;
    }

    /// <summary>The file as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>1-based physical line in the file; null when the problem concerns the file as a whole.</summary>
    public int? LineNumber { get; }

    /// <summary>One of the <see cref="CandleDataRule"/> ids.</summary>
    public string Rule { get; }

    /// <summary>The human explanation, without file, line and rule.</summary>
    public string Explanation { get; }

    internal static string FormatMessage(string filePath, int? lineNumber, string rule, string explanation) =>
        lineNumber is { } line
            ? $"{filePath}:{line}: {rule}: {explanation}"
            : $"{filePath}: {rule}: {explanation}";
}
