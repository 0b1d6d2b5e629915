using System.Diagnostics;
using System.Text;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

/// <summary>
/// What is not a candle file (binary data, a runaway line, a device, a folder, rows that do not match the header)
/// is refused quickly and with bounded memory, naming the file, the line and the rule.
/// </summary>
public sealed class CandleInputBoundsTests : IDisposable
{
    private const string Header = "timestamp,open,high,low,close,volume";
    private const string Row1 = "2020-01-01T00:00:00Z,1,2,0.5,1.5,10";
    private const string Row2 = "2020-01-01T01:00:00Z,1,2,0.5,1.5,10";
    private readonly string _folder = Directory.CreateTempSubdirectory("cp-input-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Nul_bytes_after_a_header_are_binary_data_at_line_2()
    {
        var path = WriteBytes("BTCUSDT_1h.csv", [.. Encoding.UTF8.GetBytes(Header + "\n"), .. new byte[1 << 20]]);

        var error = ReadError(path);

        error.Rule.Should().Be(CandleDataRule.BinaryData);
        error.LineNumber.Should().Be(2);
        error.Message.Should().StartWith($"{path}:2: binary-data: a NUL byte at byte 1 of the line");
    }

    [Fact]
    public void A_control_byte_inside_a_row_is_binary_data()
    {
        var path = Write(Header, Row1, "2020-01-01T01:00:00Z,1,2,0.5,1.5,1\u00010");

        var error = ReadError(path);

        error.Rule.Should().Be(CandleDataRule.BinaryData);
        error.LineNumber.Should().Be(3);
        error.Explanation.Should().Contain("control byte 0x01 at byte 35");
    }

    [Fact]
    public void A_10_MB_line_without_a_line_break_is_refused_with_bounded_memory()
    {
        var path = WriteBytes("BTCUSDT_1h.csv", [.. Encoding.UTF8.GetBytes(Header + "\n" + Row1 + "\n"), .. Enumerable.Repeat((byte)'7', 10 << 20)]);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var error = ReadError(path);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        error.Rule.Should().Be(CandleDataRule.LineTooLong);
        error.LineNumber.Should().Be(3);
        error.Explanation.Should().Contain($"longer than {CandleFileLimits.MaxLineBytes} bytes");
        allocated.Should().BeLessThan(2 << 20, "the line is refused before any reader buffers it");
    }

    [Fact]
    public void A_line_of_exactly_the_limit_loads_and_one_byte_more_is_refused()
    {
        var padded = Row2 + new string(' ', CandleFileLimits.MaxLineBytes - Row2.Length);
        var atLimit = Write(Header, Row1, padded);
        var overLimit = Write(Header, Row1, padded + " ");

        CandleFileReader.Read(atLimit).Series.Count.Should().Be(2);
        var error = ReadError(overLimit);
        error.Rule.Should().Be(CandleDataRule.LineTooLong);
        error.LineNumber.Should().Be(3);
    }

    [Fact]
    public async Task Dev_zero_is_refused_as_a_device_within_seconds()
    {
        var read = Task.Run(() => CandleFileReader.Read("/dev/zero"));

        var act = async () => await read.WaitAsync(TimeSpan.FromSeconds(10));

        var error = (await act.Should().ThrowAsync<CandleDataException>()).Which;
        error.Rule.Should().Be(CandleDataRule.NotAFile);
        error.Message.Should().StartWith("/dev/zero: not-a-file: ").And.Contain("device");
    }

    [Fact]
    public void A_folder_is_not_a_file()
    {
        var error = ReadError(_folder);

        error.Rule.Should().Be(CandleDataRule.NotAFile);
        error.LineNumber.Should().BeNull();
        error.Message.Should().StartWith($"{_folder}: not-a-file: this is a folder");
    }

    [Fact]
    public async Task A_fifo_is_not_a_file()
    {
        var fifo = Path.Combine(_folder, "candles.fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
            mkfifo.ExitCode.Should().Be(0);
        }

        // Opening a FIFO waits for the other end: the writer opens it while the reader does.
        var writer = Task.Run(() =>
        {
            try
            {
                // FileShare.ReadWrite: .NET takes no exclusive advisory lock, which would race the reader's shared one.
                using var end = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                end.Write(Encoding.UTF8.GetBytes(Header + "\n" + Row1 + "\n"));
            }
            catch (IOException)
            {
                // The reader refused the pipe and closed its end first.
            }
        });
        var read = Task.Run(() => CandleFileReader.Read(fifo));

        var act = async () => await read.WaitAsync(TimeSpan.FromSeconds(10));

        var error = (await act.Should().ThrowAsync<CandleDataException>()).Which;
        error.Rule.Should().Be(CandleDataRule.NotAFile);
        error.Explanation.Should().Contain("pipe");
        await writer.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_row_with_more_fields_than_the_header_names_the_line_and_both_counts()
    {
        var path = Write(Header, Row1, "2020-01-01T01:00:00Z,54959.76,54960,54959,54959.76,1,2", "2020-01-01T02:00:00Z,1,2,0.5,1.5,10");

        var error = ReadError(path);

        error.Rule.Should().Be(CandleDataRule.FieldCount);
        error.LineNumber.Should().Be(3);
        error.Message.Should().StartWith($"{path}:3: field-count: expected 6 fields from the header, found 7: field 7 ('2')");
    }

    [Fact]
    public void A_row_with_fewer_fields_than_the_header_names_the_line_and_both_counts()
    {
        var path = Write(Header + ",trades", Row1 + ",5", Row2);

        var error = ReadError(path);

        error.Rule.Should().Be(CandleDataRule.FieldCount);
        error.LineNumber.Should().Be(3);
        error.Explanation.Should().Be("expected 7 fields from the header, found 6: the row stops after 'volume'.");
    }

    [Fact]
    public void A_headerless_binance_row_with_a_13th_field_is_refused()
    {
        var source = File.ReadAllLines(MarketTestFiles.Format("binance-public-data_spot_BTCUSDT-1h-2024-02.csv"));
        source[9] += ",1";
        var path = Path.Combine(_folder, "BTCUSDT-1h-2024-02.csv");
        File.WriteAllLines(path, source);

        var error = ReadError(path);

        error.Rule.Should().Be(CandleDataRule.FieldCount);
        error.LineNumber.Should().Be(10);
        error.Explanation.Should().StartWith("expected 12 fields as in every Binance kline row, found 13");
    }

    [Fact]
    public void Trailing_empty_fields_in_rows_or_the_header_still_load()
    {
        var rowsEndInSeparators = Write(Header, Row1 + ",", Row2 + ",,");
        var headerEndsInSeparator = Write(Header + ",", Row1, Row2 + ",");

        CandleFileReader.Read(rowsEndInSeparators).Series.Count.Should().Be(2);
        CandleFileReader.Read(headerEndsInSeparator).Series.Count.Should().Be(2);
    }

    [Fact]
    public void A_header_with_more_than_the_field_limit_is_refused()
    {
        var extras = Enumerable.Range(1, CandleFileLimits.MaxFields - 5).Select(i => $"f{i}");
        var path = Write(string.Join(',', [Header, .. extras]), Row1, Row2);

        var error = ReadError(path);

        error.Rule.Should().Be(CandleDataRule.TooManyFields);
        error.LineNumber.Should().Be(1);
        error.Explanation.Should().Contain($"{CandleFileLimits.MaxFields + 1} fields, more than the {CandleFileLimits.MaxFields}");
    }

    [Fact]
    public void A_row_error_before_binary_data_in_the_same_block_is_the_one_reported()
    {
        var path = Write(Header, Row1, "2020-01-01T01:00:00Z,abc,2,0.5,1.5,10", Row2, "\0\0\0");

        var error = ReadError(path);

        error.Rule.Should().Be(CandleDataRule.UnparsableNumber);
        error.LineNumber.Should().Be(3);
    }

    [Fact]
    public void An_unclosed_quote_ends_with_its_line_instead_of_buffering_the_rest_of_the_file()
    {
        var rest = Enumerable.Range(2, 100_000).Select(h => $"{new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(h):yyyy-MM-ddTHH:mm:ssZ},1,2,0.5,1.5,10");
        var path = Write([Header, Row1, "2020-01-01T01:00:00Z,\"1,2,0.5,1.5,10", .. rest]);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var error = ReadError(path);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        error.LineNumber.Should().Be(3);
        error.Rule.Should().Be(CandleDataRule.MissingColumn);
        allocated.Should().BeLessThan(2 << 20, "the 4 MB after the quote are not gathered into one record");
    }

    [Fact]
    public void A_utf16_file_with_a_byte_order_mark_still_loads()
    {
        var path = Path.Combine(_folder, "BTCUSDT_1h.csv");
        File.WriteAllText(path, string.Join("\r\n", Header, Row1, Row2) + "\r\n", Encoding.Unicode);

        var series = CandleFileReader.Read(path).Series;

        series.Count.Should().Be(2);
        series.Close[1].Should().Be(1.5);
    }

    [Fact]
    public void Every_bundled_layout_still_loads()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "formats")))
        {
            CandleFileReader.Read(file).Series.Count.Should().BeGreaterThan(400, file);
        }
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_folder, $"BTCUSDT_1h_{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static CandleDataException ReadError(string path)
    {
        var act = () => CandleFileReader.Read(path);
        return act.Should().Throw<CandleDataException>().Which;
    }
}
