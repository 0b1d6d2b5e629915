using CryptoPredict.Cli.Failures;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>Failures are reported in one place: one line on stderr, one JSON error object with --json, never a stack trace.</summary>
public sealed class FailureReportingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-failures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string[], string, int> JsonFailures() => new()
    {
        { ["train", "--data", "/nonexistent/candles.csv", "--model", "lstm", "--json"], "bad_data", ExitCodes.BadData },
        { ["evaluate", "--model", "lstm", "--json"], "model", ExitCodes.ModelProblem },
        { ["predict", "--model", "no-such-model", "--json"], "usage", ExitCodes.Usage },
        { ["predict", "--threshold", "-1", "--json"], "usage", ExitCodes.Usage },
        { ["preprocess", "--data", "/nonexistent/candles.csv", "--json"], "bad_data", ExitCodes.BadData },
        { ["train", "--device", "tpu", "--json"], "usage", ExitCodes.Usage },
    };

    [Theory]
    [MemberData(nameof(JsonFailures))]
    public async Task With_json_every_verb_prints_one_error_object_on_failure(string[] args, string code, int exitCode)
    {
        var (actual, output, error) = await CliRunner.RunAsync([.. args, "--models-dir", Path.Combine(_dir, "m"), "--checkpoints-dir", Path.Combine(_dir, "c")]);

        actual.Should().Be(exitCode, error);
        output.ShouldBeJsonError(code, exitCode);
        error.Should().NotContain("   at ", "no stack trace reaches the user");
    }

    [Fact]
    public void An_internal_error_exits_70_with_one_line_and_no_stack_trace()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Exception thrown;
        try
        {
            throw new InvalidOperationException("Sequence contains no elements");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var code = FailureReporter.Report(thrown, output, error, json: true);

        code.Should().Be(ExitCodes.Internal);
        error.ToString().Should().NotContain(" at ").And.Contain("Sequence contains no elements");
        output.ToString().ShouldBeJsonError("internal", ExitCodes.Internal);
    }

    [Fact]
    public async Task A_candle_file_error_names_file_and_line_in_the_json_object()
    {
        var file = Path.Combine(_dir, "BTCUSDT_1h.csv");
        await File.WriteAllTextAsync(file, "timestamp,open,high,low,close,volume\n2020-01-01T00:00:00Z,1,2,0.5,1.5,10\n2020-01-01T01:00:00Z,1,0.1,0.5,1.5,10\n");

        var (code, output, _) = await CliRunner.RunAsync("preprocess", "--data", file, "--json");

        code.Should().Be(ExitCodes.BadData);
        var json = output.ShouldBeJsonError("bad_data", ExitCodes.BadData);
        json.GetProperty("file").GetString().Should().Be(file);
        json.GetProperty("line").GetInt32().Should().Be(3);
    }
}
