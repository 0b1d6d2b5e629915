namespace CryptoPredict.Core.Market;

/// <summary>Aggregates a series to a coarser interval (15m -> 1h -> 4h -> 1d).</summary>
public static class CandleResampler
{
    /// <summary>
    /// Resamples to <paramref name="target"/>, which must be a whole multiple of the series' interval. Buckets are
    /// aligned to multiples of the target since the Unix epoch (UTC), so 4h buckets open at 00:00, 04:00, ... and
    /// daily ones at midnight UTC. Open is the first open, high the maximum, low the minimum, close the last close,
    /// volume the sum; extra columns take their last value, which is what was known at the bucket's close.
    /// A bucket missing any source candle (including a first or last one cut by the file's range) is dropped
    /// rather than reported with a misleading open, close or volume.
    /// </summary>
    public static CandleSeries Resample(this CandleSeries series, CandleInterval target) =>
        Resample(series, target, out _);

    /// <inheritdoc cref="Resample(CandleSeries, CandleInterval)"/>
    /// <param name="series">The series to aggregate.</param>
    /// <param name="target">The coarser interval.</param>
    /// <param name="partialBucketsDropped">How many buckets held some, but not all, of their source candles.</param>
    public static CandleSeries Resample(this CandleSeries series, CandleInterval target, out int partialBucketsDropped)
    {
        ArgumentNullException.ThrowIfNull(series);
        var source = series.Interval.Duration.Ticks;
        var bucket = target.Duration.Ticks;
        if (!CanResample(series.Interval, target))
        {
            throw new ArgumentException(
                $"Cannot resample {series.Interval} candles to {target}: the target interval must be a whole multiple of the series' interval.",
                nameof(target));
        }

        var perBucket = (int)(bucket / source);
        var times = series.OpenTimes;
        var outTimes = new List<DateTime>(series.Count / perBucket + 1);
        var open = new List<double>(outTimes.Capacity);
        var high = new List<double>(outTimes.Capacity);
        var low = new List<double>(outTimes.Capacity);
        var close = new List<double>(outTimes.Capacity);
        var volume = new List<double>(outTimes.Capacity);
        var extraNames = series.ExtraColumns.Keys.ToArray();
        var extras = extraNames.Select(_ => new List<double>(outTimes.Capacity)).ToArray();
        partialBucketsDropped = 0;

        var i = 0;
        while (i < times.Length)
        {
            var bucketStart = BucketStart(times[i], bucket);
            var end = i;
            while (end < times.Length && BucketStart(times[end], bucket) == bucketStart)
            {
                end++;
            }

            // Strictly increasing times on the source grid fill a bucket exactly when it holds perBucket rows;
            // rows off the grid (possible in a hand-built series) must not pass as a full bucket.
            if (end - i == perBucket && (times[i] - bucketStart).Ticks % source == 0 && (times[end - 1] - times[i]).Ticks == bucket - source)
            {
                outTimes.Add(bucketStart);
                open.Add(series.Open[i]);
                close.Add(series.Close[end - 1]);
                var h = double.MinValue;
                var l = double.MaxValue;
                var v = 0.0;
                for (var k = i; k < end; k++)
                {
                    h = Math.Max(h, series.High[k]);
                    l = Math.Min(l, series.Low[k]);
                    v += series.Volume[k];
                }

                high.Add(h);
                low.Add(l);
                volume.Add(v);
                for (var e = 0; e < extraNames.Length; e++)
                {
                    extras[e].Add(series.ExtraColumns[extraNames[e]][end - 1]);
                }
            }
            else
            {
                partialBucketsDropped++;
            }

            i = end;
        }

        var extraColumns = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        for (var e = 0; e < extraNames.Length; e++)
        {
            extraColumns.Add(extraNames[e], [.. extras[e]]);
        }

        return new CandleSeries(series.Symbol, target, [.. outTimes], [.. open], [.. high], [.. low], [.. close], [.. volume], extraColumns);
    }

    /// <summary>
    /// Whether <paramref name="source"/> candles can make <paramref name="target"/> ones: the target is the same
    /// interval or a whole multiple of it (1h makes 4h and 1d; 4h makes no 1h, 1h no 45m).
    /// </summary>
    public static bool CanResample(CandleInterval source, CandleInterval target) =>
        target >= source && target.Duration.Ticks % source.Duration.Ticks == 0;

    /// <summary>The open time of the <paramref name="bucketTicks"/>-long bucket, aligned to the Unix epoch, that holds <paramref name="time"/>.</summary>
    internal static DateTime BucketStart(DateTime time, long bucketTicks)
    {
        var sinceEpoch = time.Ticks - DateTime.UnixEpoch.Ticks;
        // Floor division so that times before 1970 still land in the bucket that contains them.
        var floored = sinceEpoch - (((sinceEpoch % bucketTicks) + bucketTicks) % bucketTicks);
        return new DateTime(DateTime.UnixEpoch.Ticks + floored, DateTimeKind.Utc);
    }
}
