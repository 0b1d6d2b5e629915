using System.CommandLine;
using System.Text.Json;
using CryptoPredict.Cli.Parsing;
using CryptoPredict.Core.Failures;

namespace CryptoPredict.Cli.Tests.Parsing;

/// <summary><c>--config FILE</c>: option values from YAML or JSON for every verb, typed values winning, every problem named by file, line and key.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (RootCommand Root, ParseResult Parse) Expand(params string[] args)
    {
        var root = CliApplication.BuildRootCommand();
        var (parse, _) = ConfigFileOption.Expand(root, root.Parse(args), args);
        return (root, parse);
    }

    private static T? Value<T>(ParseResult parse, string name) =>
        parse.GetValue(parse.CommandResult.Command.Options.OfType<Option<T>>().Single(o => o.Name == name));

    [Fact]
    public void Every_verb_reads_its_own_section_and_the_shared_keys_it_takes()
    {
        var verbs = CliApplication.BuildRootCommand().Subcommands.Select(c => c.Name).ToArray();
        verbs.Should().Contain(["train", "evaluate", "predict", "preprocess", "backtest", "batch", "fetch"]);
        var sections = string.Concat(verbs.Select(v => $"{v}:\n  verbose: true\n"));
        var path = Write("all.yaml", "threads: 3\n" + sections);

        foreach (var verb in verbs)
        {
            var (_, parse) = Expand(verb == "completion" ? [verb, "bash", "--config", path] : [verb, "--config", path]);

            parse.CommandResult.Command.Name.Should().Be(verb);
            parse.GetValue(CliApplication.Verbose).Should().BeTrue($"{verb} reads verbose from its section");
            parse.GetValue(CliApplication.Threads).Should().Be(3, $"{verb} reads the shared threads");
        }
    }

    [Fact]
    public void Typed_values_win_over_the_file_and_a_section_over_the_top_level()
    {
        var path = Write("train.yaml", "epochs: 5\nlr: 0.01\nsymbol: eth-usdt\ntrain:\n  epochs: 7\n  resume: true\n");

        var (_, fromFile) = Expand("train", "--config", path);
        var (_, typed) = Expand("train", "--config", path, "--epochs", "9", "--symbol", "BTCUSDT");

        Value<int?>(fromFile, "--epochs").Should().Be(7);
        Value<double?>(fromFile, "--lr").Should().Be(0.01);
        Value<string>(fromFile, "--symbol").Should().Be("ETHUSDT", "a file value goes through the option's own parser");
        Value<bool>(fromFile, "--resume").Should().BeTrue();
        Value<int?>(typed, "--epochs").Should().Be(9);
        Value<string>(typed, "--symbol").Should().Be("BTCUSDT");
        Value<double?>(typed, "--lr").Should().Be(0.01);
    }

    [Fact]
    public void A_json_file_reads_like_a_yaml_one()
    {
        var path = Write("run.json", "{\n  \"interval\": \"4h\",\n  \"models-dir\": \"/x\",\n  \"evaluate\": { \"walk-forward\": 3 }\n}\n");

        var (_, parse) = Expand("evaluate", "--config", path);

        Value<string>(parse, "--interval").Should().Be("4h");
        Value<string>(parse, "--models-dir").Should().Be("/x");
        Value<int?>(parse, "--walk-forward").Should().Be(3);
    }

    [Fact]
    public void A_shared_key_the_verb_does_not_take_is_left_to_the_verbs_that_do()
    {
        var path = Write("shared.yaml", "epochs: 5\nsymbol: ETHUSDT\n");

        var (_, parse) = Expand("preprocess", "--config", path);

        parse.Errors.Should().BeEmpty();
        Value<string>(parse, "--symbol").Should().Be("ETHUSDT");
    }

    [Theory]
    [InlineData("bad.yaml", "symbol: ETHUSDT\nepochz: 5\n", "train", 2, "key 'epochz' is not an option of any verb. Did you mean 'epochs'?")]
    [InlineData("bad.yaml", "train:\n  epochs: 2\npreprocess:\n  epochs: 3\n", "preprocess", 4, "key 'epochs' is not an option of preprocess.")]
    [InlineData("bad.yaml", "train:\n  window: 16\n  epochs: five\n", "train", 3, "key 'epochs': --epochs: 'five' is not a whole number.")]
    [InlineData("bad.yaml", "interval: 90x\n", "train", 1, "key 'interval': --interval '90x' is not an interval")]
    [InlineData("bad.yaml", "epochs:\n  - 1\n  - 2\n", "train", 1, "key 'epochs' takes one value, not a list.")]
    [InlineData("bad.yaml", "epochs:\n", "train", 1, "key 'epochs' has no value.")]
    [InlineData("bad.yaml", "epochs: 1\nepochs: 2\n", "train", 2, "not valid YAML: Duplicate key epochs")]
    [InlineData("bad.json", "{\"epochs\": 1,\n \"epochs\": 2}\n", "train", 2, "key 'epochs' is given twice (first on line 1).")]
    [InlineData("bad.yaml", "train: 5\n", "train", 1, "section 'train' must map train's option names to values.")]
    [InlineData("bad.yaml", "- epochs\n", "train", 1, "the file must map option names to values")]
    [InlineData("bad.yaml", "train:\n  epochs: [1\n", "train", 3, "not valid YAML")]
    [InlineData("bad.json", "{\n  \"train\": {\n    \"batch-size\": \"big\"\n  }\n}\n", "train", 3, "key 'batch-size': --batch-size: 'big' is not a whole number.")]
    [InlineData("bad.json", "{\n  \"train\": {\n    \"epochs\": 2,,\n  }\n}\n", "train", 3, "not valid JSON")]
    public void Problems_name_the_file_the_line_and_the_key(string name, string text, string verb, int line, string message)
    {
        var path = Write(name, text);

        var act = () => Expand(verb, "--config", path);

        var error = act.Should().Throw<RequestException>().Which;
        error.Kind.Should().Be(FailureKind.Usage);
        error.File.Should().Be(path);
        error.Line.Should().Be(line);
        error.Message.Should().StartWith($"{path}:{line}: ").And.Contain(message);
    }

    [Fact]
    public async Task A_config_problem_exits_1_with_the_file_and_line_in_the_json_error()
    {
        var path = Write("bad.yaml", "symbol: BTCUSDT\ntrain:\n  fee-bps: 10\n");

        var (code, output, error) = await CliRunner.RunAsync("train", "--config", path, "--json");

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain($"{path}:3: key 'fee-bps' is not an option of train.");
        var json = output.ShouldBeJsonError("usage", ExitCodes.Usage);
        json.GetProperty("file").GetString().Should().Be(path);
        json.GetProperty("line").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Config_without_a_file_is_a_parse_error_not_a_crash()
    {
        var (code, _, error) = await CliRunner.RunAsync("train", "--config");

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("--config needs a value.");
    }

    [Fact]
    public async Task A_missing_config_file_is_a_usage_error_naming_it()
    {
        var path = Path.Combine(_dir, "absent.yaml");

        var (code, _, error) = await CliRunner.RunAsync("preprocess", "--config", path);

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain($"--config '{path}': cannot read it");
    }

    [Fact]
    public async Task Preprocess_runs_from_a_yaml_file_end_to_end_and_help_lists_the_option()
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        File.Copy(Commands.TrainFolders.RealFile, Path.Combine(data, "BTCUSDT_1h.csv"));
        var path = Write("preprocess.yaml", $"data-dir: {data}\npreprocess:\n  features: close,rsi_14\n  json: true\n");

        var (code, output, error) = await CliRunner.RunAsync("preprocess", "--config", path);
        var help = await CliRunner.RunAsync("train", "--help");

        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).Should().Equal("close", "rsi_14");
        json.RootElement.GetProperty("candles").GetInt32().Should().Be(1000);
        help.Output.Should().Contain("--config").And.Contain("JSON or YAML file of option values");
    }
}
