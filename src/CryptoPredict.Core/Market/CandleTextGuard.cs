using System.Buffers;

namespace CryptoPredict.Core.Market;

/// <summary>
/// The bytes of a candle file on their way to a reader, refused as they pass when no candle file could hold them:
/// a line longer than <see cref="CandleFileLimits.MaxLineBytes"/>, a NUL or another control byte. Checking before
/// any reader buffers a line keeps memory bounded whatever the file holds (a device, a binary file, one endless
/// line). The lines before the offending one are handed on first, so that a row error earlier in the file is
/// still the one reported. Lines are counted as the CSV reader counts them: CR, LF and CR LF each end one.
/// </summary>
internal sealed class CandleTextGuard : Stream
{
    // Every C0 control byte and DEL, except tab (TSV files are full of it); CR and LF are found here to count lines.
    private static readonly SearchValues<byte> Notable =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Where(b => b != '\t').Select(b => (byte)b), 0x7F]);

    private readonly Stream _inner;
    private readonly string _path;
    private int _line = 1;
    private int _lineBytes;
    private bool _afterCr;
    private CandleDataException? _pending;

    public CandleTextGuard(Stream inner, string path)
    {
        _inner = inner;
        _path = path;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pending is not null)
        {
            throw _pending;
        }

        var read = _inner.Read(buffer);
        var refusal = Check(buffer[..read], out var lineStart);
        if (refusal is null)
        {
            return read;
        }

        if (lineStart == 0)
        {
            throw refusal;
        }

        _pending = refusal;
        return lineStart;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The refusal for the first offending byte of <paramref name="chunk"/>, or null; <paramref name="lineStart"/> is
    /// where the offending line starts in the chunk (0 when it started at or before the chunk's start).
    /// </summary>
    private CandleDataException? Check(ReadOnlySpan<byte> chunk, out int lineStart)
    {
        lineStart = 0;
        var position = 0;
        while (position < chunk.Length)
        {
            var next = chunk[position..].IndexOfAny(Notable);
            var plain = next < 0 ? chunk.Length - position : next;
            if (plain > 0)
            {
                _afterCr = false;
                _lineBytes += plain;
                if (_lineBytes > CandleFileLimits.MaxLineBytes)
                {
                    return Refusal(CandleDataRule.LineTooLong,
                        $"the line is longer than {CandleFileLimits.MaxLineBytes} bytes, the limit for one line of a candle file "
                        + "(a candle row takes a few hundred): this is not a candle file, or its line breaks are missing.");
                }
            }

            if (next < 0)
            {
                return null;
            }

            position += next;
            var notable = chunk[position];
            if (notable == (byte)'\n')
            {
                // The LF of a CR LF ends the line that the CR already counted.
                _line += _afterCr ? 0 : 1;
                _afterCr = false;
            }
            else if (notable == (byte)'\r')
            {
                _line++;
                _afterCr = true;
            }
            else
            {
                var what = notable == 0 ? "a NUL byte" : $"the control byte 0x{notable:X2}";
                return Refusal(CandleDataRule.BinaryData,
                    $"{what} at byte {_lineBytes + 1} of the line: a candle file is text (CSV), and this looks like binary data.");
            }

            _lineBytes = 0;
            position++;
            lineStart = position;
        }

        return null;
    }

    private CandleDataException Refusal(string rule, string explanation) => new(_path, _line, rule, explanation);
}
