using System.Text;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market.Binance;

namespace CryptoPredict.Core.Market.Fetch;

/// <summary>
/// Appends candles to a native candle file so that the file is only ever the old one or the complete new one: the
/// old bytes (unchanged) and the new rows go to a temporary file beside it, that file is read back with
/// <see cref="CandleFileReader"/>'s rules (every row, the spacing, the interval), and only then is it renamed over
/// the old file. A file that does not exist yet starts with the native header.
/// </summary>
internal static class CandleFileAppend
{
    /// <summary>All pages are in memory; nothing has been written.</summary>
    public const string DownloadedPoint = "fetch-downloaded";

    /// <summary>The temporary file is complete and validated; the old file is still in place.</summary>
    public const string StagedPoint = "fetch-staged";

    /// <summary>The new file has replaced the old one.</summary>
    public const string ReplacedPoint = "fetch-replaced";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the file; returns it as read back.</summary>
    public static CandleSeries Write(string path, IReadOnlyList<Candle> candles, string symbol, CandleInterval interval, Uri source)
    {
        FaultPoint.Hit(DownloadedPoint);
        var lines = 0;
        var temp = AtomicFile.WriteTemporary(path, stream => lines = WriteContent(stream, path, candles));
        CandleSeries written;
        try
        {
            written = ReadBack(temp, path, lines, candles, symbol, interval, source);
            FaultPoint.Hit(StagedPoint);
            AtomicFile.MoveOver(temp, path);
        }
        catch
        {
            AtomicFile.TryDelete(temp);
            throw;
        }

        FaultPoint.Hit(ReplacedPoint);
        return written;
    }

    /// <summary>Copies the old file and appends the rows; returns the number of lines before the first new row.</summary>
    private static int WriteContent(Stream stream, string path, IReadOnlyList<Candle> candles)
    {
        var newline = "\n";
        var lines = 0;
        if (File.Exists(path))
        {
            using var old = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            var buffer = new byte[1 << 16];
            int read;
            var last = (byte)'\n';
            var firstEnding = true;
            while ((read = old.Read(buffer)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                for (var i = chunk.IndexOf((byte)'\n'); i >= 0; i = NextNewline(chunk, i))
                {
                    if (firstEnding)
                    {
                        // Keep the file's own line ending: a CRLF file gets CRLF rows.
                        newline = (i > 0 ? chunk[i - 1] : last) == '\r' ? "\r\n" : "\n";
                        firstEnding = false;
                    }

                    lines++;
                }

                last = chunk[^1];
                stream.Write(chunk);
            }

            if (last != '\n')
            {
                stream.Write(Utf8.GetBytes(newline));
                lines++;
            }
        }
        else
        {
            stream.Write(Utf8.GetBytes(NativeCandleRows.Header + newline));
            lines = 1;
        }

        using var writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true) { NewLine = newline };
        foreach (var candle in candles)
        {
            writer.WriteLine(NativeCandleRows.Row(candle));
        }

        writer.Flush();
        return lines;
    }

    private static int NextNewline(ReadOnlySpan<byte> chunk, int after)
    {
        var next = chunk[(after + 1)..].IndexOf((byte)'\n');
        return next < 0 ? -1 : after + 1 + next;
    }

    /// <summary>
    /// Reads the staged file with the rules every reader applies. A broken rule is reported against the real file,
    /// naming the fetched candle when the line is one of the new rows: the user never sees the temporary name.
    /// </summary>
    private static CandleSeries ReadBack(string temp, string path, int oldLines, IReadOnlyList<Candle> candles, string symbol, CandleInterval interval, Uri source)
    {
        try
        {
            return CandleFileReader.Read(temp, new CandleReadOptions { Format = CandleFileFormat.Native, Symbol = symbol, Interval = interval }).Series;
        }
        catch (CandleDataException e)
        {
            var row = e.LineNumber is { } line ? line - oldLines - 1 : -1;
            var explanation = row >= 0 && row < candles.Count
                ? $"the candle {KlineParser.Iso(candles[row].OpenTime)} from {source.Host} breaks it: {e.Explanation}"
                : $"{e.Explanation} (in the file as it would be with the {candles.Count} fetched candles appended)";
            throw new CandleDataException(path, null, e.Rule, explanation + " Nothing was written.");
        }
    }
}
