namespace CryptoPredict.Core.Market;

/// <summary>Rows as read from a file, in file order, each with its physical line number, before ordering and de-duplication.</summary>
internal sealed class CandleRowTable
{
    public CandleRowTable(int extraCount)
    {
        Extras = new List<double>[extraCount];
        for (var i = 0; i < extraCount; i++)
        {
            Extras[i] = [];
        }
    }

    public List<int> Lines { get; } = [];
    public List<DateTime> Times { get; } = [];
    public List<double> Open { get; } = [];
    public List<double> High { get; } = [];
    public List<double> Low { get; } = [];
    public List<double> Close { get; } = [];
    public List<double> Volume { get; } = [];
    public List<double>[] Extras { get; }

    public int Count => Times.Count;
}
