using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using CryptoPredict.Core.IO;

namespace CryptoPredict.Cli;

/// <summary>Options shared by several verbs; a factory per option so each verb gets its own instance and default.</summary>
public static partial class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print exactly one JSON object on stdout (logs go to stderr); on failure {\"error\": {...}}." };

    /// <summary>
    /// The project folders default by one rule (<see cref="ProjectFolders"/>): CRYPTOPREDICT_HOME, else the nearest
    /// folder at or above the working folder that holds data/, else the working folder.
    /// </summary>
    public static Option<string> DataDir() => new("--data-dir")
    {
        Description = "Folder of candle files SYMBOL_INTERVAL.csv (default: data/ of the project folder; see doctor).",
        DefaultValueFactory = _ => ProjectFolders.ForProcess().Data.Path,
    };

    public static Option<string> ModelsDir() => new("--models-dir")
    {
        Description = "Folder of model bundles (default: models/ of the project folder).",
        DefaultValueFactory = _ => ProjectFolders.ForProcess().Models.Path,
    };

    public static Option<string> CheckpointsDir() => new("--checkpoints-dir")
    {
        Description = "Folder of training checkpoints (default: checkpoints/ of the project folder).",
        DefaultValueFactory = _ => ProjectFolders.ForProcess().Checkpoints.Path,
    };

    /// <summary>
    /// A trading symbol as used in file names: upper-case letters and digits, 2 to 20 characters. Lower case and
    /// separators are normalised (btcusdt, BTC-USDT and btc/usdt all read as BTCUSDT); anything else is
    /// refused with the rule.
    /// </summary>
    public static Option<string> Symbol(string defaultValue = "BTCUSDT") => new("--symbol")
    {
        Description = "Trading symbol, e.g. BTCUSDT (letters and digits, 2-20; case and - / separators are normalised).",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = ParseSymbol,
    };

    public static Option<string> Interval(string defaultValue = "1h")
    {
        var option = new Option<string>("--interval")
        {
            Description = "Candle interval, e.g. 15m, 1h, 4h, 1d.",
            DefaultValueFactory = _ => defaultValue,

            // Completion offers the common intervals; help must not suggest they are the only ones.
            HelpName = "interval",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Core.Market.CandleInterval.TryParse(value, out _))
            {
                result.AddError($"--interval '{value}' is not an interval: use a count and a unit m, h, d or w, such as 15m, 1h, 4h or 1d.");
            }
        });
        option.CompletionSources.Add(["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w"]);
        return option;
    }

    /// <summary>The symbol in the form file names use, or null when <paramref name="text"/> cannot be one.</summary>
    public static string? NormaliseSymbol(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var normalised = SeparatorPattern().Replace(text.Trim(), "").ToUpperInvariant();
        return SymbolPattern().IsMatch(normalised) ? normalised : null;
    }

    [GeneratedRegex("^[A-Z0-9]{2,20}$")]
    public static partial Regex SymbolPattern();

    [GeneratedRegex("[-/ ]")]
    private static partial Regex SeparatorPattern();

    private static string ParseSymbol(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (NormaliseSymbol(text) is { } symbol)
        {
            return symbol;
        }

        result.AddError($"--symbol '{text}' is not a symbol: use 2 to 20 letters or digits, such as BTCUSDT (case and - / separators are normalised).");
        return text;
    }
}
