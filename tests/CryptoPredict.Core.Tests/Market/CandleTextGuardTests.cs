using System.Text;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

/// <summary>The guard's line count and limits hold however the reader above splits its reads.</summary>
public sealed class CandleTextGuardTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void Line_numbers_count_cr_lf_and_crlf_once_across_read_boundaries(int readSize)
    {
        var error = Drain("a\r\nb\rc\n\r\nd\0", readSize);

        error!.Rule.Should().Be(CandleDataRule.BinaryData);
        error.LineNumber.Should().Be(5);
        error.Explanation.Should().Contain("at byte 2 of the line");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(65536)]
    public void Line_length_is_counted_across_read_boundaries_and_restarts_at_each_break(int readSize)
    {
        var full = new string('x', CandleFileLimits.MaxLineBytes);

        Drain($"{full}\r\n{full}\n{full}", readSize).Should().BeNull();
        var error = Drain($"{full}\n{full}x", readSize);
        error!.Rule.Should().Be(CandleDataRule.LineTooLong);
        error.LineNumber.Should().Be(2);
    }

    [Fact]
    public void Lines_before_the_offending_one_are_handed_on_before_the_refusal()
    {
        using var guard = new CandleTextGuard(new MemoryStream(Encoding.UTF8.GetBytes("ok\nfine\nbad\0")), "f.csv");
        var buffer = new byte[64];

        var first = guard.Read(buffer);
        var act = () => guard.Read(buffer);

        Encoding.UTF8.GetString(buffer, 0, first).Should().Be("ok\nfine\n");
        act.Should().Throw<CandleDataException>().Which.LineNumber.Should().Be(3);
    }

    /// <summary>Reads everything through the guard, <paramref name="readSize"/> bytes at a time; the refusal, or null.</summary>
    private static CandleDataException? Drain(string text, int readSize)
    {
        using var guard = new CandleTextGuard(new MemoryStream(Encoding.UTF8.GetBytes(text)), "f.csv");
        var buffer = new byte[readSize];
        try
        {
            while (guard.Read(buffer) > 0)
            {
            }

            return null;
        }
        catch (CandleDataException e)
        {
            return e;
        }
    }
}
