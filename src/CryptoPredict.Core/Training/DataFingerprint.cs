using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Training;

/// <summary>
/// Identity of the candles a model was trained on: SHA-256 over symbol, interval and every candle's open time
/// and OHLCV bits (extra columns included), plus the range, so a resume or an evaluation can tell whether
/// it sees the same data.
/// </summary>
public sealed record DataFingerprint(string Sha256, DateTime First, DateTime Last, int Candles)
{
    public static DataFingerprint Of(CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("An empty series has no fingerprint.", nameof(series));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(series.Symbol + "|" + series.Interval + "|"));
        Span<byte> row = stackalloc byte[48];
        for (var i = 0; i < series.Count; i++)
        {
            BitConverter.TryWriteBytes(row[..8], series.OpenTimes[i].Ticks);
            BitConverter.TryWriteBytes(row[8..16], series.Open[i]);
            BitConverter.TryWriteBytes(row[16..24], series.High[i]);
            BitConverter.TryWriteBytes(row[24..32], series.Low[i]);
            BitConverter.TryWriteBytes(row[32..40], series.Close[i]);
            BitConverter.TryWriteBytes(row[40..48], series.Volume[i]);
            hash.AppendData(row);
        }

        foreach (var name in series.ExtraColumns.Keys.Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            foreach (var value in series.ExtraColumns[name])
            {
                BitConverter.TryWriteBytes(row[..8], value);
                hash.AppendData(row[..8]);
            }
        }

        var digest = Convert.ToHexStringLower(hash.GetHashAndReset());
        return new DataFingerprint(digest, series.OpenTimes[0], series.OpenTimes[^1], series.Count);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Candles} candles {First:yyyy-MM-dd HH:mm} .. {Last:yyyy-MM-dd HH:mm} UTC (sha256 {Sha256[..12]})");
}
