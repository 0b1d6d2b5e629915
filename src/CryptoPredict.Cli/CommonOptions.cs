using System.CommandLine;
using System.Text.RegularExpressions;

namespace CryptoPredict.Cli;

/// <summary>Options shared by several verbs; a factory per option so each verb gets its own instance and default.</summary>
public static partial class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print exactly one JSON object on stdout (logs go to stderr)." };

    public static Option<string> DataDir() => new("--data-dir") { Description = "Folder of bundled candle files SYMBOL_INTERVAL.csv.", DefaultValueFactory = _ => "data" };

    public static Option<string> ModelsDir() => new("--models-dir") { Description = "Folder of model bundles.", DefaultValueFactory = _ => "models" };

    public static Option<string> CheckpointsDir() => new("--checkpoints-dir") { Description = "Folder of training checkpoints.", DefaultValueFactory = _ => "checkpoints" };

    /// <summary>A trading symbol as used in file names: upper-case letters and digits, 2 to 20 characters.</summary>
    public static Option<string> Symbol(string defaultValue = "BTCUSDT")
    {
        var option = new Option<string>("--symbol") { Description = "Trading symbol, e.g. BTCUSDT (A-Z, 0-9, 2-20 characters).", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null || !SymbolPattern().IsMatch(value))
            {
                result.AddError($"--symbol '{value}' is not a symbol: use 2 to 20 upper-case letters or digits, such as BTCUSDT.");
            }
        });
        return option;
    }

    public static Option<string> Interval(string defaultValue = "1h")
    {
        var option = new Option<string>("--interval") { Description = "Candle interval, e.g. 15m, 1h, 4h, 1d.", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Core.Market.CandleInterval.TryParse(value, out _))
            {
                result.AddError($"--interval '{value}' is not an interval: use a count and a unit m, h, d or w, such as 15m, 1h, 4h or 1d.");
            }
        });
        return option;
    }

    [GeneratedRegex("^[A-Z0-9]{2,20}$")]
    public static partial Regex SymbolPattern();
}
