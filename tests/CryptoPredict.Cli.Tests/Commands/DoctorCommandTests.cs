using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands;

public class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_json_reports_the_engine_and_the_settings_it_chose()
    {
        var (code, output, _) = await CliRunner.RunAsync("doctor", "--json");
        code.Should().Be(ExitCodes.Ok);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        root.GetProperty("lib_torch_version").GetString().Should().MatchRegex(@"^\d+\.\d+\.\d+$");
        root.GetProperty("build_flavour").GetString().Should().BeOneOf("CPU", "CUDA");
        root.GetProperty("intra_op_threads").GetInt32().Should().BeGreaterThan(0);
        root.GetProperty("bridge_path").GetString().Should().EndWith("libcptorch.so");
        root.GetProperty("blas").GetString().Should().NotBeNullOrWhiteSpace();
        var settings = root.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("setting").GetString()).ToList();
        settings.Should().Contain(["OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "torch intra-op threads"]);
        root.GetProperty("choices").EnumerateArray().Should().OnlyContain(c => c.GetProperty("reason").GetString()!.Length > 0);
    }

    [Fact]
    public async Task Doctor_table_names_libtorch_and_the_bridge()
    {
        var (code, output, _) = await CliRunner.RunAsync("doctor");
        code.Should().Be(ExitCodes.Ok);
        output.Should().Contain("libtorch").And.Contain("libcptorch.so").And.Contain("OPENBLAS_CORETYPE");
    }

    [Fact]
    public async Task Unknown_verbs_and_options_are_usage_errors()
    {
        (await CliRunner.RunAsync("fly")).ExitCode.Should().Be(ExitCodes.Usage);
        (await CliRunner.RunAsync("doctor", "--no-such-option")).ExitCode.Should().Be(ExitCodes.Usage);
        var (code, _, error) = await CliRunner.RunAsync("--threads", "0", "doctor");
        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("--threads");
    }

    [Fact]
    public async Task Version_is_printed()
    {
        var (code, output, _) = await CliRunner.RunAsync("--version");
        code.Should().Be(ExitCodes.Ok);
        output.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }
}
