namespace CryptoPredict.Core.Market;

/// <summary>
/// The most a candle file may hold per line and per row. A real candle row is under 300 bytes and 12 fields
/// (Binance klines, the widest layout); the limits leave room for extra feature columns while keeping a
/// runaway line (a device such as <c>/dev/zero</c>, a binary file, an unclosed quote) from being buffered whole.
/// </summary>
public static class CandleFileLimits
{
    /// <summary>Longest physical line, in bytes of UTF-8 without its line break (4 KiB).</summary>
    public const int MaxLineBytes = 4096;

    /// <summary>Most fields in the header or any row.</summary>
    public const int MaxFields = 256;
}
