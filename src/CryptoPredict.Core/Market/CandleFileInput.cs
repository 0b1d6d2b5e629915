using System.Text;

namespace CryptoPredict.Core.Market;

/// <summary>
/// Opens a candle file for reading: only a saved file is accepted (not a folder, a pipe or a device), UTF-16 and
/// UTF-32 files are read as UTF-8, and every byte passes through a <see cref="CandleTextGuard"/>.
/// </summary>
internal static class CandleFileInput
{
    public static Stream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CandleDataException(path, null, CandleDataRule.NotAFile,
                "this is a folder, not a candle file; give the file inside it (such as BTCUSDT_1h.csv).");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Candle file '{path}' does not exist.", path);
        }

        // Unbuffered: the readers above read blocks of their own.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        try
        {
            RefuseUnsaved(file, path);
            return new CandleTextGuard(AsUtf8(file), path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static void RefuseUnsaved(FileStream file, string path)
    {
        if (!file.CanSeek)
        {
            throw new CandleDataException(path, null, CandleDataRule.NotAFile,
                "this is a pipe or socket, not a saved file; a candle file is read twice (to detect its layout, then to parse it), so save the data to a file first.");
        }

        // Devices report a size of 0; a saved file of size 0 has nothing to read.
        if (file.Length == 0 && file.ReadByte() >= 0)
        {
            throw new CandleDataException(path, null, CandleDataRule.NotAFile,
                "this reports a size of 0 but yields data: it is a device (such as /dev/zero), not a saved candle file.");
        }
    }

    /// <summary>The file as UTF-8: a UTF-16 or UTF-32 byte order mark is honoured (their ASCII is full of NUL bytes).</summary>
    private static Stream AsUtf8(FileStream file)
    {
        Span<byte> start = stackalloc byte[4];
        var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        file.Position = 0;
        Encoding? encoding = start[..read] switch
        {
            [0xFF, 0xFE, 0x00, 0x00] => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
            [0x00, 0x00, 0xFE, 0xFF] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => null,
        };
        return encoding is null ? file : Encoding.CreateTranscodingStream(file, encoding, Encoding.UTF8);
    }
}
