using System.Globalization;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

/// <summary>How <see cref="CandleSource"/> finds candles, resamples a finer file, and refuses what cannot work.</summary>
public sealed class CandleSourceTests : IDisposable
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly string _dataDir = Directory.CreateTempSubdirectory("cp-source-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    /// <summary>Writes DATA_DIR/NAME with <paramref name="count"/> candles of <paramref name="step"/>, leaving out the rows in <paramref name="missing"/>.</summary>
    private string Write(string name, TimeSpan step, int count, params int[] missing)
    {
        var lines = new List<string> { "timestamp,open,high,low,close,volume" };
        for (var i = 0; i < count; i++)
        {
            if (missing.Contains(i))
            {
                continue;
            }

            var open = 100 + i;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Start + (step * i):yyyy-MM-dd'T'HH:mm:ss'Z'},{open},{open + 2},{open - 1},{open + 0.5},{i + 1}"));
        }

        var path = Path.Combine(_dataDir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private CandleSourceRequest Request(CandleInterval interval) => new() { Symbol = "BTCUSDT", Interval = interval, DataDir = _dataDir };

    [Fact]
    public void The_file_of_the_interval_is_read_as_it_is()
    {
        var path = Write("BTCUSDT_1h.csv", TimeSpan.FromHours(1), 48);

        var candles = CandleSource.Read(Request(CandleInterval.OneHour));

        candles.Path.Should().Be(path);
        candles.IsResampled.Should().BeFalse();
        candles.SourceInterval.Should().Be(CandleInterval.OneHour);
        candles.Series.Count.Should().Be(48);
        candles.SourceCandles.Should().Be(48);
        candles.Describe().Should().StartWith($"read 48 candles of BTCUSDT 1h from {path}");
    }

    [Fact]
    public void A_missing_interval_is_resampled_from_the_symbols_file_with_the_resampler()
    {
        var path = Write("BTCUSDT_1h.csv", TimeSpan.FromHours(1), 50);

        var candles = CandleSource.Read(Request(CandleInterval.FourHours));

        candles.Path.Should().Be(path);
        candles.IsResampled.Should().BeTrue();
        candles.SourceInterval.Should().Be(CandleInterval.OneHour);
        candles.SourceCandles.Should().Be(50);
        var expected = CandleFileReader.Read(path).Series.Resample(CandleInterval.FourHours, out var partial);
        candles.Series.Interval.Should().Be(CandleInterval.FourHours);
        candles.Series.Should().Equal(expected);
        candles.Series.Count.Should().Be(12, "50 hours make 12 whole 4h buckets; the trailing 2 hours are dropped");
        candles.PartialBucketsDropped.Should().Be(partial).And.Be(1);
        candles.GapBuckets.Should().BeEmpty("the only dropped bucket is the incomplete trailing one");
        candles.Report.ResampledTo.Should().Be(CandleInterval.FourHours);
        candles.Report.Candles.Should().Be(12);
        candles.Describe().Should().Be(
            $"resampled 50 1h candles from {path} to 12 4h candles of BTCUSDT (2024-01-01 00:00 .. 2024-01-02 20:00 UTC), 1 partial bucket dropped");
    }

    [Theory]
    [InlineData("4h", "BTCUSDT_1h.csv")]
    [InlineData("30m", "BTCUSDT_15m.csv")]
    [InlineData("1d", "BTCUSDT_3h.csv")]
    public void The_coarsest_file_whose_interval_divides_the_request_is_read(string interval, string expected)
    {
        Write("BTCUSDT_15m.csv", TimeSpan.FromMinutes(15), 400);
        Write("BTCUSDT_1h.csv", TimeSpan.FromHours(1), 100);
        Write("BTCUSDT_3h.csv", TimeSpan.FromHours(3), 40);
        Write("ETHUSDT_4h.csv", TimeSpan.FromHours(4), 40);

        var candles = CandleSource.Read(Request(CandleInterval.Parse(interval)));

        Path.GetFileName(candles.Path).Should().Be(expected);
        candles.Series.Interval.ToString().Should().Be(interval);
    }

    [Theory]
    [InlineData("1h", "BTCUSDT_4h.csv (4h)")]
    [InlineData("45m", "BTCUSDT_1h.csv (1h), BTCUSDT_4h.csv (4h)")]
    public void An_interval_no_file_can_make_is_refused_listing_the_symbols_files(string interval, string listed)
    {
        Write("BTCUSDT_4h.csv", TimeSpan.FromHours(4), 40);
        if (interval == "45m")
        {
            Write("BTCUSDT_1h.csv", TimeSpan.FromHours(1), 40);
        }

        var act = () => CandleSource.Read(Request(CandleInterval.Parse(interval)));

        var error = act.Should().Throw<RequestException>().Which;
        error.Kind.Should().Be(FailureKind.BadData);
        error.File.Should().Be(Path.Combine(_dataDir, $"BTCUSDT_{interval}.csv"));
        error.Message.Should().Contain($"No candles for BTCUSDT {interval}").And.Contain($"it holds {listed}.").And.Contain("whole multiple");
    }

    [Fact]
    public void No_file_of_the_symbol_names_the_path_looked_for()
    {
        Write("ETHUSDT_1h.csv", TimeSpan.FromHours(1), 10);

        var act = () => CandleSource.Read(Request(CandleInterval.OneHour));

        act.Should().Throw<RequestException>().Which.Message.Should()
            .Be($"No candles for BTCUSDT 1h: looked for '{Path.Combine(_dataDir, "BTCUSDT_1h.csv")}'. Put a candle CSV there (timestamp,open,high,low,close,volume) or pass --data FILE; the bundled files are in data/.");
    }

    [Fact]
    public void A_data_file_finer_than_the_interval_is_resampled_and_a_coarser_one_refused()
    {
        var hourly = Write("hourly.csv", TimeSpan.FromHours(1), 24);
        var daily = Write("daily.csv", TimeSpan.FromDays(1), 10);

        var candles = CandleSource.Read(Request(CandleInterval.FourHours) with { DataFile = hourly });
        candles.Series.Count.Should().Be(6);
        candles.SourceInterval.Should().Be(CandleInterval.OneHour);

        var kept = CandleSource.Read(Request(CandleInterval.FourHours) with { DataFile = hourly, EnforceInterval = false });
        kept.IsResampled.Should().BeFalse("an interval the user did not ask for is not imposed on --data");
        kept.Series.Interval.Should().Be(CandleInterval.OneHour);

        var act = () => CandleSource.Read(Request(CandleInterval.FourHours) with { DataFile = daily });
        var error = act.Should().Throw<RequestException>().Which;
        error.Kind.Should().Be(FailureKind.BadData);
        error.File.Should().Be(daily);
        error.Message.Should().StartWith($"{daily}: holds 1d candles, which cannot make 4h candles");
    }

    [Fact]
    public void A_missing_data_file_is_bad_data_naming_it()
    {
        var missing = Path.Combine(_dataDir, "nope.csv");

        var act = () => CandleSource.Read(Request(CandleInterval.OneHour) with { DataFile = missing });

        act.Should().Throw<RequestException>().Which.Message.Should().Be($"{missing}: candle file not found.");
    }

    [Fact]
    public void A_bucket_with_a_gap_is_dropped_flagged_and_leaves_a_gap_windows_do_not_span()
    {
        // Hour 9 is missing: bucket 08:00-11:59 lacks one of its four candles.
        var path = Write("BTCUSDT_1h.csv", TimeSpan.FromHours(1), 24, 9);

        var candles = CandleSource.Read(Request(CandleInterval.FourHours));

        candles.Series.Count.Should().Be(5);
        candles.GapBuckets.Should().Equal(Start.AddHours(8));
        candles.PartialBucketsDropped.Should().Be(1);
        candles.Warnings.Should().ContainSingle().Which.Should()
            .Be($"{path}: 1 4h bucket dropped because 1h candles are missing inside it (the first opens 2024-01-01 08:00 UTC); the 4h series has a gap there, which no window spans.");
        var gaps = candles.Series.GetGapMap();
        gaps.Gaps.Should().ContainSingle().Which.Should().Be(new CandleGap(Start.AddHours(8), Start.AddHours(8), 1));
        gaps.IsContiguous(0, 2).Should().BeFalse("the window over 04:00, 12:00 and 16:00 would span the dropped bucket");
        candles.Report.MissingCandles.Should().Be(1, "the file's own gap is reported as always");
    }

    [Fact]
    public void Filling_gaps_first_keeps_the_bucket()
    {
        Write("BTCUSDT_1h.csv", TimeSpan.FromHours(1), 24, 9);

        var candles = CandleSource.Read(Request(CandleInterval.FourHours) with { FillGaps = true });

        candles.Series.Count.Should().Be(6);
        candles.GapBuckets.Should().BeEmpty();
        candles.Warnings.Should().BeEmpty();
        candles.SourceCandles.Should().Be(24, "the filled candle counts as one of the file's");
    }

    [Fact]
    public void Too_few_candles_for_one_bucket_are_refused()
    {
        Write("BTCUSDT_1h.csv", TimeSpan.FromHours(1), 3);

        var act = () => CandleSource.Read(Request(CandleInterval.FourHours));

        act.Should().Throw<RequestException>().WithMessage("*3 1h candles make no complete 4h candle: each needs 4 consecutive ones*");
    }

    [Fact]
    public void The_source_a_model_was_trained_from_is_preferred_and_its_absence_noted()
    {
        Write("BTCUSDT_1h.csv", TimeSpan.FromHours(1), 48);
        var fourHourly = Write("BTCUSDT_4h.csv", TimeSpan.FromHours(4), 5);

        CandleSource.Read(Request(CandleInterval.FourHours)).Path.Should().Be(fourHourly, "without a preference the file of the interval itself is read");
        var preferred = CandleSource.Read(Request(CandleInterval.FourHours) with { PreferredSource = CandleInterval.OneHour });
        preferred.SourceInterval.Should().Be(CandleInterval.OneHour);
        preferred.Series.Count.Should().Be(12);

        var other = CandleSource.Read(Request(CandleInterval.FourHours) with { PreferredSource = CandleInterval.FifteenMinutes });
        other.Path.Should().Be(fourHourly);
        other.Warnings.Should().ContainSingle().Which.Should().Contain("resampled from 15m").And.Contain("BTCUSDT_15m.csv' is missing");
    }

    [Fact]
    public void Resampling_a_result_to_an_interval_it_cannot_make_is_an_argument_error()
    {
        Write("BTCUSDT_1h.csv", TimeSpan.FromHours(1), 48);
        var candles = CandleSource.Read(Request(CandleInterval.OneHour));

        var act = () => CandleSource.Resample(candles, CandleInterval.Parse("90m"));

        act.Should().Throw<ArgumentException>().WithMessage("Cannot resample 1h candles to 90m*");
    }

    [Fact]
    public void A_symbol_that_leaves_the_data_folder_is_a_usage_error()
    {
        var act = () => CandleSource.Locate(Request(CandleInterval.OneHour) with { Symbol = "../x" });

        act.Should().Throw<RequestException>().Which.Kind.Should().Be(FailureKind.Usage);
    }
}
