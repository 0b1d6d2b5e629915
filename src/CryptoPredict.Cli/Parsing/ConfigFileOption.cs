using System.CommandLine;
using System.CommandLine.Parsing;
using CryptoPredict.Core.Failures;

namespace CryptoPredict.Cli.Parsing;

/// <summary>
/// <c>--config FILE</c>, on every verb: the file's values (<see cref="ConfigFile"/>) are added to the command line as
/// tokens for the options that were not typed, and the line is parsed again; so every verb, present and future,
/// reads its options from the file through its own parser and rules, and a typed value always wins. A value the
/// parser refuses is reported with the file, line and key it came from.
/// </summary>
internal static class ConfigFileOption
{
    public const string Name = "--config";

    public static Option<string?> Create() => new(Name)
    {
        Description = "JSON or YAML file of option values: long names without dashes (epochs: 5), shared at the top or under a section per verb (train: {...}); typed options win.",
        HelpName = "file",
        Recursive = true,
    };

    public static bool Is(Option option) => option is not null && option.Name == Name;

    /// <summary>
    /// <paramref name="parse"/> with the values of its <c>--config</c> file added, and the arguments that gives;
    /// unchanged without <c>--config</c>. A <see cref="RequestException"/> names the file, line and key of any problem.
    /// </summary>
    public static (ParseResult Parse, string[] Args) Expand(RootCommand rootCommand, ParseResult parse, string[] args)
    {
        ArgumentNullException.ThrowIfNull(rootCommand);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(args);
        var option = rootCommand.Options.OfType<Option<string?>>().Single(Is);
        // Without a value, "--config" is a parse error of its own, reported as such.
        if (parse.GetResult(option) is not { Implicit: false, Tokens: [.., var last] })
        {
            return (parse, args);
        }

        var path = last.Value;

        var file = ConfigFile.Load(path);
        var values = file.ValuesFor(rootCommand, parse.CommandResult.Command)
            .Where(v => parse.GetResult(v.Option) is not { Implicit: false })
            .ToArray();
        if (values.Length == 0)
        {
            return (parse, args);
        }

        // Options go before "--", after which every token is an argument.
        var end = Array.IndexOf(args, "--");
        var at = end < 0 ? args.Length : end;
        string[] expanded = [.. args[..at], .. values.SelectMany(v => v.Tokens), .. args[at..]];
        var reparsed = rootCommand.Parse(expanded);
        foreach (var error in reparsed.Errors)
        {
            if (OptionOf(error) is { } failed && values.FirstOrDefault(v => ReferenceEquals(v.Option, failed)) is { } value)
            {
                throw new RequestException(FailureKind.Usage, $"{file.Path}:{value.Line}: key '{value.Key}': {ParseErrorText.Describe(error)}", file.Path, value.Line);
            }
        }

        return (reparsed, expanded);
    }

    private static Option? OptionOf(ParseError error) => error.SymbolResult switch
    {
        ArgumentResult { Parent: OptionResult parent } => parent.Option,
        OptionResult result => result.Option,
        _ => null,
    };
}
