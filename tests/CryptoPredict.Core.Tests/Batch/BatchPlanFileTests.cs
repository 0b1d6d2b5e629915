using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Tests.Batch;

public sealed class BatchPlanFileTests
{
    private const string Yaml = """
        # two units of BTCUSDT, one of ETHUSDT
        defaults:
          epochs: 5
          window: 32
        units:
          - symbol: BTCUSDT
            interval: 1h
            model: lstm
          - symbol: btc-usdt
            interval: 4h
            model: bilstm-ohlc
            epochs: 2
            batch-size: 64
          - {symbol: ETHUSDT, interval: 60m, model: lstm, lr: 0.0005, seed: 7}
        """;

    [Fact]
    public void A_yaml_plan_gives_each_unit_the_defaults_under_its_own_settings_and_the_command_line_in_between()
    {
        var plan = BatchPlanFile.Parse(Yaml, "plan.yaml", new TrainingOverrides { Epochs = 3, Patience = 4 });

        plan.Units.Select(u => u.Name).Should().Equal("BTCUSDT_1h_lstm", "BTCUSDT_4h_bilstm-ohlc", "ETHUSDT_1h_lstm");
        plan.Units[0].Settings.Should().Be(new TrainingOverrides { Epochs = 3, Window = 32, Patience = 4 }, "the command line goes over the file's defaults");
        plan.Units[1].Settings.Should().Be(new TrainingOverrides { Epochs = 2, Window = 32, Patience = 4, BatchSize = 64 }, "a unit's own settings win");
        plan.Units[2].Settings.LearningRate.Should().Be(0.0005);
        plan.Units[2].Settings.Seed.Should().Be(7);
    }

    [Fact]
    public void A_json_plan_reads_the_same_as_yaml()
    {
        const string json = """
            {
            	"defaults": {"epochs": 5, "window": 32},
            	"units": [
            		{"symbol": "BTCUSDT", "interval": "1h", "model": "lstm"},
            		{"symbol": "ETHUSDT", "interval": "4h", "model": "lstm", "epochs": 2}
            	]
            }
            """;

        var plan = BatchPlanFile.Parse(json, "plan.json", new TrainingOverrides());

        plan.Units.Select(u => u.Name).Should().Equal("BTCUSDT_1h_lstm", "ETHUSDT_4h_lstm");
        plan.Units[1].Settings.Should().Be(new TrainingOverrides { Epochs = 2, Window = 32 });
    }

    [Theory]
    [InlineData("units:\n  - symbol: BTCUSDT\n    interval: 1h\n    model: lstm\n    epochs: many\n", 5, "units[0].epochs: 'many' is not a whole number")]
    [InlineData("units:\n  - symbol: BTCUSDT\n    interval: 1h\n    model: transformer\n", 4, "units[0].model 'transformer' is not a model. Known models:")]
    [InlineData("units:\n  - symbol: BTCUSDT\n    interval: 1x\n    model: lstm\n", 3, "units[0].interval '1x' is not an interval")]
    [InlineData("units:\n  - symbol: BTCUSDT\n    model: lstm\n", 2, "units[0]: 'interval' is missing")]
    [InlineData("units:\n  - symbol: BTCUSDT\n    interval: 1h\n    model: lstm\n    epoch: 2\n", 5, "units[0].epoch: unknown field; known fields here: symbol, interval, model, features")]
    [InlineData("defaults:\n  window: 8\n  colour: red\nunits: []\n", 3, "defaults.colour: unknown field")]
    [InlineData("units: []\n", 1, "'units' must be a non-empty list")]
    [InlineData("units:\n  - symbol: BTCUSDT\n    interval: 1h\n    model: lstm\n  - symbol: BTCUSDT\n    interval: 60m\n    model: lstm\n", 5, "units[1] is BTCUSDT_1h_lstm again (first as units[0] on line 2)")]
    [InlineData("units:\n  - symbol: [BTC\n", 3, "not valid YAML")]
    public void Every_plan_error_names_the_file_the_line_the_unit_and_the_field(string text, int line, string message)
    {
        var act = () => BatchPlanFile.Parse(text, "fleet.yaml", new TrainingOverrides());

        var error = act.Should().Throw<RequestException>().Which;
        error.Kind.Should().Be(FailureKind.Usage);
        error.File.Should().Be("fleet.yaml");
        error.Line.Should().Be(line);
        error.Message.Should().StartWith($"fleet.yaml:{line}: ").And.Contain(message);
    }

    [Fact]
    public void Json_errors_carry_their_line_too()
    {
        const string json = "{\n  \"units\": [\n    {\"symbol\": \"BTCUSDT\", \"interval\": \"1h\",\n     \"model\": \"lstm\", \"window\": \"wide\"}\n  ]\n}\n";

        var act = () => BatchPlanFile.Parse(json, "plan.json", new TrainingOverrides());

        act.Should().Throw<RequestException>().Which.Message.Should().Be("plan.json:4: units[0].window: 'wide' is not a whole number.");
    }

    [Fact]
    public void A_missing_plan_file_is_a_usage_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "cp-no-such-plan-" + Guid.NewGuid().ToString("N") + ".yaml");

        var act = () => BatchPlanFile.Load(path, new TrainingOverrides());

        act.Should().Throw<RequestException>().Which.Message.Should().StartWith($"{path}: cannot read the plan file");
    }

    [Fact]
    public void The_plan_shipped_with_the_cluster_examples_reads()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CryptoPredict.sln")))
        {
            root = root.Parent;
        }

        var plan = BatchPlanFile.Load(Path.Combine(root!.FullName, "deploy", "k8s", "plan.yaml"), new TrainingOverrides());

        plan.Units.Should().HaveCount(8);
        plan.Units.Should().Contain(u => u.Name == "BTCUSDT_15m_bilstm-ohlc" && u.Settings.Window == 96 && u.Settings.Epochs == 100);
    }

    [Fact]
    public void Lists_give_every_symbol_interval_and_model_once()
    {
        var plan = BatchPlan.FromLists(["BTCUSDT", "ETHUSDT"], ["1h", "4h", "60m"], ["lstm"], new TrainingOverrides { Epochs = 1 });

        plan.Units.Select(u => u.Name).Should().Equal("BTCUSDT_1h_lstm", "BTCUSDT_4h_lstm", "ETHUSDT_1h_lstm", "ETHUSDT_4h_lstm");
        plan.Units.Should().OnlyContain(u => u.Settings.Epochs == 1);
    }
}
