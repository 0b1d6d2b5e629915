using System.Text;

namespace CryptoPredict.Core.Market;

/// <summary>What the first lines of a file tell before CSV parsing starts: the delimiter and a preamble line.</summary>
internal sealed record CandleFileSniff(char Delimiter, bool HasPreamble, bool MentionsCryptoDataDownload)
{
    private static readonly char[] Delimiters = [',', ';', '\t'];

    public static CandleFileSniff Of(string path)
    {
        string? first = null;
        string? second = null;
        using var reader = new StreamReader(CandleFileInput.Open(path), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (first is null)
            {
                first = line;
            }
            else
            {
                second = line;
                break;
            }
        }

        if (first is null)
        {
            return new CandleFileSniff(',', false, false);
        }

        // CryptoDataDownload puts its URL (older exports: a notice and the URL) on a line of its own above the header.
        var hasPreamble = second is not null && first.Contains("://", StringComparison.Ordinal);
        var headerLine = hasPreamble ? second! : first;
        var mentionsCdd = hasPreamble && first.Contains("cryptodatadownload", StringComparison.OrdinalIgnoreCase);
        return new CandleFileSniff(MostFrequentDelimiter(headerLine), hasPreamble, mentionsCdd);
    }

    private static char MostFrequentDelimiter(string line)
    {
        var best = ',';
        var bestCount = 0;
        foreach (var delimiter in Delimiters)
        {
            var count = line.Count(c => c == delimiter);
            if (count > bestCount)
            {
                best = delimiter;
                bestCount = count;
            }
        }

        return best;
    }
}
