using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>The CLI as a user types it: parse errors in words, did-you-mean, normalised symbols, readable JSON, shared folder options.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-usage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--epochs", "abc", "--epochs: 'abc' is not a whole number.")]
    [InlineData("--lr", "fast", "--lr: 'fast' is not a number (such as 0.002).")]
    [InlineData("--seed", "1.5", "--seed: '1.5' is not a whole number.")]
    public async Task A_value_of_the_wrong_type_is_one_line_in_words_and_a_help_hint(string option, string value, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync("train", option, value);

        code.Should().Be(ExitCodes.Usage);
        output.Should().BeEmpty("the help text is not dumped");
        error.Should().Be($"{expected}\nRun 'cryptopredict train --help' for the options.\n");
        error.Should().NotContain("System.");
    }

    [Theory]
    [InlineData("trian", "Did you mean 'train'?")]
    [InlineData("fit", "Did you mean 'train'?")]
    [InlineData("predcit", "Did you mean 'predict'?")]
    [InlineData("forecast", "Did you mean 'predict'?")]
    public async Task An_unknown_verb_gets_the_closest_verb(string verb, string suggestion)
    {
        var (code, output, error) = await CliRunner.RunAsync(verb);

        code.Should().Be(ExitCodes.Usage);
        output.Should().BeEmpty();
        error.Should().StartWith($"'{verb}' is not a cryptopredict verb. {suggestion}");
        error.Should().EndWith("Run 'cryptopredict --help' for the options.\n");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_verb_nothing_like_any_other_lists_the_verbs()
    {
        var (_, _, error) = await CliRunner.RunAsync("zzzzzz");

        error.Should().Contain("Verbs: doctor, preprocess, train, evaluate, predict");
    }

    [Fact]
    public async Task A_mistyped_option_gets_the_closest_option_and_its_value_is_not_a_second_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("train", "--epoch", "3");

        code.Should().Be(ExitCodes.Usage);
        error.Should().Be("'--epoch' is not an option of train. Did you mean '--epochs'?\nRun 'cryptopredict train --help' for the options.\n");
    }

    [Fact]
    public async Task Parse_errors_with_json_print_one_error_object()
    {
        var (code, output, _) = await CliRunner.RunAsync("train", "--epochs", "abc", "--json");

        code.Should().Be(ExitCodes.Usage);
        output.ShouldBeJsonError("usage", ExitCodes.Usage).GetProperty("message").GetString().Should().Be("--epochs: 'abc' is not a whole number.");
    }

    [Theory]
    [InlineData("BTC$")]
    [InlineData("A")]
    [InlineData("BTCUSDT_1h")]
    [InlineData("../etc")]
    public async Task An_invalid_symbol_is_one_line_with_the_rule(string symbol)
    {
        var (code, output, error) = await CliRunner.RunAsync("predict", "--symbol", symbol, "--models-dir", _dir);

        code.Should().Be(ExitCodes.Usage);
        output.Should().BeEmpty();
        error.Should().Be($"--symbol '{symbol}' is not a symbol: use 2 to 20 letters or digits, such as BTCUSDT (case and - / separators are normalised).\n" +
            "Run 'cryptopredict predict --help' for the options.\n");
    }

    [Theory]
    [InlineData("btcusdt")]
    [InlineData("BTC-USDT")]
    [InlineData("btc/usdt")]
    [InlineData(" BtcUsdt ")]
    public async Task Symbols_are_normalised_to_the_form_file_names_use(string symbol)
    {
        var (code, output, error) = await CliRunner.RunAsync("predict", "--symbol", symbol, "--models-dir", _dir, "--data-dir", _dir, "--json");

        code.Should().Be(ExitCodes.ModelProblem, error);
        output.ShouldBeJsonError("model", ExitCodes.ModelProblem).GetProperty("message").GetString()
            .Should().Contain("No trained model for BTCUSDT 1h").And.Contain(Path.Combine(_dir, "BTCUSDT_1h_bilstm-ohlc"));
    }

    [Fact]
    public async Task Json_keeps_plus_and_plus_minus_readable()
    {
        var candles = Path.Combine(AppContext.BaseDirectory, "TestData", "Preprocess", "BTCUSDT_1h.csv");
        var (code, output, error) = await CliRunner.RunAsync("preprocess", "--data", candles, "--symbol", "BTCUSDT", "--json");
        code.Should().Be(ExitCodes.Ok, error);

        // Every message with a "+" or "±" (the signal reason of predict, gap warnings) is written as itself.
        var probe = JsonSerializer.Serialize(new { reason = "forecast change +0.120% against threshold ±0.2%" }, CliJson.Options);
        probe.Should().Be("{\"reason\":\"forecast change +0.120% against threshold ±0.2%\"}");
        output.Should().NotContain("\\u002B").And.NotContain("\\u00B1");
        using var _ = JsonDocument.Parse(output);
    }

    [Fact]
    public async Task Preprocess_accepts_the_shared_folder_options()
    {
        var candles = Path.Combine(AppContext.BaseDirectory, "TestData", "Preprocess", "BTCUSDT_1h.csv");

        var (code, _, error) = await CliRunner.RunAsync(
            "preprocess", "--data", candles, "--models-dir", Path.Combine(_dir, "m"), "--checkpoints-dir", Path.Combine(_dir, "c"), "--data-dir", _dir);

        code.Should().Be(ExitCodes.Ok, error);
        Directory.Exists(Path.Combine(_dir, "m")).Should().BeFalse("preprocess only accepts the folders, it writes nothing there");
    }

    [Fact]
    public async Task Preprocess_resample_to_an_impossible_interval_has_no_dotnet_parameter_name()
    {
        var candles = Path.Combine(AppContext.BaseDirectory, "TestData", "Preprocess", "BTCUSDT_1h.csv");

        var (code, _, error) = await CliRunner.RunAsync("preprocess", "--data", candles, "--resample", "30m");

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("30m").And.NotContain("(Parameter");
    }

    [Theory]
    [InlineData("doctor")]
    [InlineData("fetch")]
    [InlineData("preprocess")]
    [InlineData("train")]
    [InlineData("evaluate")]
    [InlineData("predict")]
    [InlineData("drift")]
    [InlineData("models")]
    [InlineData("batch")]
    [InlineData("backtest")]
    public void Every_verb_takes_the_shared_folder_options(string verb)
    {
        var command = CliApplication.BuildRootCommand().Subcommands.Single(c => c.Name == verb);

        command.Options.Select(o => o.Name).Should().Contain(["--data-dir", "--models-dir", "--checkpoints-dir"]);
    }
}
