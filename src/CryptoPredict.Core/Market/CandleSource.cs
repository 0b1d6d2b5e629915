using System.Globalization;
using CryptoPredict.Core.Failures;

namespace CryptoPredict.Core.Market;

/// <summary>
/// The one way verbs get candles. <c>--data FILE</c> is read as given; otherwise the data folder's
/// <c>SYMBOL_INTERVAL.csv</c> is read, and when it is missing the coarsest file of the symbol whose interval divides
/// the requested one (4h from <c>SYMBOL_1h.csv</c>, 30m from <c>SYMBOL_15m.csv</c>) is read and resampled in memory with
/// <see cref="CandleResampler"/>. A file with a finer interval than the requested one is resampled the same way.
/// What cannot work (1h from a 4h file, 45m from 1h) is a <see cref="RequestException"/> listing the files there are.
/// <para>
/// Gaps follow the file rules: a missing candle is reported (or filled when <see cref="CandleSourceRequest.FillGaps"/>),
/// and a bucket missing any of its candles is dropped rather than built from part of them, so the resampled series has
/// a gap there that windows do not span; the result lists those buckets and warns about them.
/// </para>
/// </summary>
public static class CandleSource
{
    /// <summary>
    /// Finds and reads the candles of <paramref name="request"/>. Throws <see cref="RequestException"/> when there is
    /// no file to read or the file's interval cannot make the requested one, and <see cref="CandleDataException"/>
    /// when the file breaks a candle rule.
    /// </summary>
    public static CandleSourceResult Read(CandleSourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var location = Locate(request);
        var read = location.IsDataFile ? ReadDataFile(request, location.Path) : ReadFolderFile(request, location);
        var result = read.Series.Interval == request.Interval || !Targets(request, location) ? read : Resample(read, request.Interval);
        return location.Notes.Count == 0 ? result : result with { Warnings = [.. location.Notes, .. result.Warnings] };
    }

    /// <summary>
    /// The file <see cref="Read"/> would read, and its interval when the data folder's name gives it (null for
    /// <c>--data</c>, whose interval is known once it is read). Nothing is parsed.
    /// </summary>
    public static CandleLocation Locate(CandleSourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DataFile is { } dataFile)
        {
            // A folder is not "not found": the reader refuses it with its own rule (not-a-file).
            return File.Exists(dataFile) || Directory.Exists(dataFile)
                ? new CandleLocation(dataFile, null, IsDataFile: true)
                : throw new RequestException(FailureKind.BadData, $"{dataFile}: candle file not found.", dataFile);
        }

        var target = request.Interval;
        if (!CandleFolder.TryPath(request.DataDir, request.Symbol, target, out var exact))
        {
            throw new RequestException(FailureKind.Usage, $"--symbol '{request.Symbol}' does not name a file inside --data-dir '{request.DataDir}'.");
        }

        List<string> notes = [];
        if (request.PreferredSource is { } preferred && preferred != target && CandleResampler.CanResample(preferred, target)
            && CandleFolder.TryPath(request.DataDir, request.Symbol, preferred, out var preferredPath))
        {
            if (File.Exists(preferredPath))
            {
                return new CandleLocation(preferredPath, preferred, IsDataFile: false);
            }

            notes.Add($"the model was trained on {target} candles resampled from {preferred} ones, but '{preferredPath}' is missing; reading other candles of {request.Symbol} instead.");
        }

        if (File.Exists(exact) || Directory.Exists(exact))
        {
            return new CandleLocation(exact, target, IsDataFile: false) { Notes = notes };
        }

        var files = CandleFolder.FilesOf(request.DataDir, request.Symbol);
        var finer = files.Where(f => f.Interval < target && CandleResampler.CanResample(f.Interval, target)).ToArray();
        if (finer.Length > 0)
        {
            // The coarsest source needs the fewest candles per bucket; of equal intervals FilesOf put the canonical name first.
            var coarsest = finer.First(f => f.Interval == finer.Max(g => g.Interval));
            return new CandleLocation(coarsest.Path, coarsest.Interval, IsDataFile: false) { Notes = notes };
        }

        throw NoCandles(request, exact, files);
    }

    /// <summary>
    /// <paramref name="candles"/> aggregated to <paramref name="target"/>, which must be a whole multiple of their
    /// interval (an <see cref="ArgumentException"/> otherwise, as <see cref="CandleResampler"/> throws). Throws
    /// <see cref="RequestException"/> when no bucket is complete.
    /// </summary>
    public static CandleSourceResult Resample(CandleSourceResult candles, CandleInterval target)
    {
        ArgumentNullException.ThrowIfNull(candles);
        var source = candles.Series;
        if (source.Interval == target)
        {
            return candles;
        }

        var resampled = source.Resample(target, out var partial);
        if (resampled.Count == 0)
        {
            throw new RequestException(FailureKind.BadData, string.Create(CultureInfo.InvariantCulture,
                $"{candles.Path}: {source.Count} {source.Interval} candles make no complete {target} candle: each needs " +
                $"{target.Duration.Ticks / source.Interval.Duration.Ticks} consecutive ones in one {target} bucket (buckets open at multiples of {target} since 1970-01-01 UTC)."),
                candles.Path);
        }

        var gapBuckets = GapBuckets(source, resampled, target);
        List<string> warnings = [.. candles.Warnings];
        if (gapBuckets.Count > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{candles.Path}: {gapBuckets.Count} {target} bucket{(gapBuckets.Count == 1 ? "" : "s")} dropped because {source.Interval} candles are missing inside " +
                $"{(gapBuckets.Count == 1 ? "it" : "them")} (the first opens {gapBuckets[0]:yyyy-MM-dd HH:mm} UTC); the {target} series has a gap there, which no window spans."));
        }

        return candles with
        {
            Series = resampled,
            PartialBucketsDropped = candles.PartialBucketsDropped + partial,
            GapBuckets = gapBuckets,
            Warnings = warnings,
            Report = candles.Report with
            {
                Candles = resampled.Count,
                FirstTime = resampled.OpenTimes[0],
                LastTime = resampled.OpenTimes[^1],
                ResampledTo = target,
                PartialBucketsDropped = partial,
            },
        };
    }

    /// <summary>Whether the candles must come out at the requested interval (always, but for a --data file whose interval is kept).</summary>
    private static bool Targets(CandleSourceRequest request, CandleLocation location) => !location.IsDataFile || request.EnforceInterval;

    private static CandleSourceResult ReadFolderFile(CandleSourceRequest request, CandleLocation location)
    {
        var options = new CandleReadOptions
        {
            Format = request.Format,
            Symbol = request.Symbol,
            Interval = location.Interval,
            FillGaps = request.FillGaps,
        };
        return FromLoad(location.Path, CandleFileReader.Read(location.Path, options));
    }

    /// <summary>
    /// A --data file: read at the requested interval when it is enforced, as before resampling existed; when the file
    /// has no candles that far apart, read again with its interval detected, and resampled if that interval divides
    /// the requested one.
    /// </summary>
    private static CandleSourceResult ReadDataFile(CandleSourceRequest request, string path)
    {
        var options = new CandleReadOptions
        {
            Format = request.Format,
            Symbol = request.EnforceSymbol ? request.Symbol : null,
            Interval = request.EnforceInterval ? request.Interval : null,
            FillGaps = request.FillGaps,
        };
        try
        {
            return FromLoad(path, CandleFileReader.Read(path, options));
        }
        catch (CandleDataException e) when (options.Interval is not null && e.Rule == CandleDataRule.IntervalMismatch)
        {
            var detected = FromLoad(path, CandleFileReader.Read(path, options with { Interval = null }));
            var source = detected.SourceInterval;
            return CandleResampler.CanResample(source, request.Interval)
                ? detected
                : throw new RequestException(FailureKind.BadData,
                    $"{path}: holds {source} candles, which cannot make {request.Interval} candles: resampling only aggregates candles into an interval " +
                    $"that is a whole multiple of theirs ({Multiples(source)}, ...). Give a file of {request.Interval} candles or of an interval that divides {request.Interval}.",
                    path);
        }
    }

    private static CandleSourceResult FromLoad(string path, CandleLoadResult loaded) => new()
    {
        Series = loaded.Series,
        Path = path,
        SourceInterval = loaded.Series.Interval,
        SourceCandles = loaded.Series.Count,
        Report = loaded.Report,
        Warnings = loaded.Report.Warnings,
    };

    /// <summary>The buckets dropped between the first and last whole bucket: candles were missing inside them, not cut off by the file's range.</summary>
    private static List<DateTime> GapBuckets(CandleSeries source, CandleSeries resampled, CandleInterval target)
    {
        var ticks = target.Duration.Ticks;
        var kept = new HashSet<DateTime>(resampled.OpenTimes.ToArray());
        var first = resampled.OpenTimes[0];
        var last = resampled.OpenTimes[^1];
        var gaps = new List<DateTime>();
        foreach (var time in source.OpenTimes)
        {
            var bucket = CandleResampler.BucketStart(time, ticks);
            if (bucket > first && bucket < last && !kept.Contains(bucket) && (gaps.Count == 0 || gaps[^1] != bucket))
            {
                gaps.Add(bucket);
            }
        }

        return gaps;
    }

    private static RequestException NoCandles(CandleSourceRequest request, string exact, IReadOnlyList<CandleFolderFile> files)
    {
        var wanted = $"{request.Symbol} {request.Interval}";
        if (files.Count == 0)
        {
            return new RequestException(FailureKind.BadData,
                $"No candles for {wanted}: looked for '{exact}'. Put a candle CSV there (timestamp,open,high,low,close,volume) " +
                "or pass --data FILE; the bundled files are in data/.",
                exact);
        }

        return new RequestException(FailureKind.BadData,
            $"No candles for {wanted}: '{exact}' does not exist, and no file of {request.Symbol} in '{Path.GetDirectoryName(exact)}' can be resampled to {request.Interval}: " +
            $"it holds {string.Join(", ", files)}. Resampling only aggregates candles into an interval that is a whole multiple of theirs " +
            $"(4h from 1h or 15m, 30m from 15m, 1d from 1h or 4h); put {CandleFileName.Format(request.Symbol, request.Interval)} or a finer file there, or pass --data FILE.",
            exact);
    }

    private static string Multiples(CandleInterval source) =>
        string.Join(", ", Enumerable.Range(2, 3).Select(k => new CandleInterval(source.Duration * k).ToString()));
}
