namespace CryptoPredict.Core.Market;

/// <summary>Collects load warnings in the error-message shape, capped so a file with many duplicates cannot flood the report.</summary>
internal sealed class CandleWarnings(string path)
{
    private const int MaxListed = 100;
    private readonly List<string> _messages = [];
    private int _suppressed;

    public void Add(int? line, string rule, string explanation)
    {
        if (_messages.Count < MaxListed)
        {
            _messages.Add(CandleDataException.FormatMessage(path, line, rule, explanation));
        }
        else
        {
            _suppressed++;
        }
    }

    public IReadOnlyList<string> ToList() =>
        _suppressed == 0
            ? [.. _messages]
            : [.. _messages, $"{path}: {_suppressed} more warnings not listed."];
}
