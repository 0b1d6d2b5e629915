using System.CommandLine;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// The options that pick a run and its files, defined once for every verb that has them: --symbol, --interval,
/// --model, --data, the three project folders, --device and --json. A verb adds the ones it takes and reads them
/// back as one <see cref="RunSelection"/>.
/// </summary>
internal sealed class RunOptions
{
    private RunOptions(bool model, bool device, string verb)
    {
        Model = model ? VerbSupport.Model() : null;
        Device = device ? VerbSupport.Device() : null;
        foreach (var (option, used) in new[] { (ModelsDir, verb is "train" or "evaluate" or "predict" or "drift" or "backtest" or "pipeline"), (CheckpointsDir, verb is "train" or "drift" or "evaluate" or "pipeline") })
        {
            if (!used)
            {
                option.Description += $" Not read by {verb}; accepted so the same options work for every verb.";
            }
        }
    }

    public Option<string> Symbol { get; } = CommonOptions.Symbol();

    public Option<string> Interval { get; } = CommonOptions.Interval();

    public Option<string>? Model { get; }

    public Option<string?> Data { get; } = VerbSupport.Data();

    public Option<string> DataDir { get; } = CommonOptions.DataDir();

    public Option<string> ModelsDir { get; } = CommonOptions.ModelsDir();

    public Option<string> CheckpointsDir { get; } = CommonOptions.CheckpointsDir();

    public Option<string>? Device { get; }

    public Option<bool> Json { get; } = CommonOptions.Json();

    /// <summary>The options of a verb that runs a model (train, evaluate, predict, backtest).</summary>
    public static RunOptions ForModelVerb(string verb) => new(model: true, device: true, verb);

    /// <summary>The options of a verb that only reads candles (preprocess).</summary>
    public static RunOptions ForDataVerb(string verb) => new(model: false, device: false, verb);

    /// <summary>Adds the options in the order help lists them, then the verb's own <paramref name="others"/>, then --json.</summary>
    public void AddTo(Command command, params Option[] others)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option?[] shared = [Symbol, Interval, Model, Data, DataDir, ModelsDir, CheckpointsDir];
        foreach (var option in shared.OfType<Option>().Concat(others).Concat(Device is null ? [] : [Device]).Append(Json))
        {
            command.Options.Add(option);
        }
    }

    public RunSelection Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new RunSelection
        {
            Symbol = parse.GetValue(Symbol)!,
            SymbolGiven = parse.GetResult(Symbol) is { Implicit: false },
            Interval = parse.GetValue(Interval)!,
            IntervalGiven = parse.GetResult(Interval) is { Implicit: false },
            Model = Model is null ? Core.Models.ModelCatalog.DefaultName : parse.GetValue(Model)!,
            DataFile = parse.GetValue(Data),
            DataDir = parse.GetValue(DataDir)!,
            ModelsDir = parse.GetValue(ModelsDir)!,
            CheckpointsDir = parse.GetValue(CheckpointsDir)!,
            Device = Device is null ? "cpu" : parse.GetValue(Device)!,
            Json = parse.GetValue(Json),
        };
    }
}

/// <summary>Which run a verb works on and where its files are, as given on the command line.</summary>
internal sealed record RunSelection
{
    public string Symbol { get; init; } = "BTCUSDT";

    /// <summary>Whether --symbol was typed (with --data, only a typed symbol is enforced on the file).</summary>
    public bool SymbolGiven { get; init; }

    public string Interval { get; init; } = "1h";

    public bool IntervalGiven { get; init; }

    public string Model { get; init; } = Core.Models.ModelCatalog.DefaultName;

    /// <summary>--data: a candle file to read instead of DATA_DIR/SYMBOL_INTERVAL.csv; null when not given.</summary>
    public string? DataFile { get; init; }

    public string DataDir { get; init; } = "data";

    public string ModelsDir { get; init; } = "models";

    public string CheckpointsDir { get; init; } = "checkpoints";

    public string Device { get; init; } = "auto";

    public bool Json { get; init; }
}
