using System.CommandLine;
using System.CommandLine.Parsing;

namespace CryptoPredict.Cli.Parsing;

/// <summary>
/// Parse errors in words, one line each, instead of System.CommandLine's type names ("expected type
/// 'System.Nullable`1[System.Int32]'") and its full help text: a mistyped verb or option gets the closest names.
/// </summary>
internal static class ParseErrorText
{
    /// <summary>Words other tools use for our verbs (Keras' fit, darts' forecast).</summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["fit"] = "train",
        ["learn"] = "train",
        ["forecast"] = "predict",
        ["infer"] = "predict",
        ["score"] = "evaluate",
        ["eval"] = "evaluate",
        ["test"] = "evaluate",
        ["features"] = "preprocess",
        ["info"] = "doctor",
        ["version"] = "doctor",
    };

    public static IReadOnlyList<string> Lines(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var lines = new List<string>();
        var command = parse.CommandResult.Command;
        var unmatched = new HashSet<string>(parse.UnmatchedTokens, StringComparer.Ordinal);
        string? previous = null;
        foreach (var token in parse.UnmatchedTokens)
        {
            // The value of a mistyped option ("--epoch 3") is not a second problem.
            if (!(previous is not null && previous.StartsWith('-') && !token.StartsWith('-')))
            {
                lines.Add(Unmatched(token, command, parse.RootCommandResult.Command));
            }

            previous = token;
        }

        foreach (var error in parse.Errors)
        {
            if (unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal))
                || (unmatched.Count > 0 && error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal)))
            {
                continue;
            }

            var line = Describe(error);
            if (!lines.Contains(line, StringComparer.Ordinal))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>The verb path for the help hint: "cryptopredict train".</summary>
    public static string CommandPath(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult c)
            {
                names.Insert(0, c.Parent is null ? "cryptopredict" : c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    private static string Unmatched(string token, Command command, Command root)
    {
        if (token.StartsWith('-'))
        {
            var names = command.Options.Concat(root.Options.Where(o => o.Recursive)).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct();
            var close = Suggestions.Closest(token, names);
            var where = ReferenceEquals(command, root) ? "cryptopredict" : command.Name;
            return close.Count > 0
                ? $"'{token}' is not an option of {where}. Did you mean {Join(close)}?"
                : $"'{token}' is not an option of {where}.";
        }

        if (ReferenceEquals(command, root))
        {
            var verbs = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToArray();
            var close = Synonyms.TryGetValue(token.ToLowerInvariant(), out var synonym) && verbs.Contains(synonym)
                ? [synonym]
                : Suggestions.Closest(token, verbs);
            return close.Count > 0
                ? $"'{token}' is not a cryptopredict verb. Did you mean {Join(close)}?"
                : $"'{token}' is not a cryptopredict verb. Verbs: {string.Join(", ", verbs)}.";
        }

        return command.Arguments.Count == 0
            ? $"'{token}' is not expected here: {command.Name} takes options only (--name value)."
            : $"'{token}' is not expected here.";
    }

    /// <summary>One parse error in words (a --config value's error is reported through this too).</summary>
    public static string Describe(ParseError error)
    {
        var optionResult = error.SymbolResult switch
        {
            ArgumentResult { Parent: OptionResult parent } => parent,
            OptionResult result => result,
            _ => null,
        };
        if (optionResult is not null && error.SymbolResult!.Tokens.Count > 0)
        {
            var option = optionResult.Option;
            var value = error.SymbolResult.Tokens[^1].Value;
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            var expected = Expected(type);
            if (expected is not null && error.Message.Contains("Cannot parse argument", StringComparison.Ordinal))
            {
                return $"{option.Name}: '{value}' is not {expected}.";
            }
        }

        if (optionResult is not null && error.Message.StartsWith("Required argument missing", StringComparison.Ordinal))
        {
            return $"{optionResult.Option.Name} needs a value.";
        }

        var commandResult = error.SymbolResult switch
        {
            CommandResult c => c,
            ArgumentResult { Parent: CommandResult c } => c,
            _ => null,
        };
        if (commandResult?.Command is { } needing && needing.Arguments.Count > 0
            && error.Message.StartsWith("Required argument missing", StringComparison.Ordinal))
        {
            var argument = needing.Arguments[0];
            var values = argument.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label).ToArray();
            return $"{needing.Name} needs <{argument.Name}>" + (values.Length > 0 ? $": one of {string.Join(", ", values)}." : ".");
        }

        if (error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal))
        {
            return "Give a verb: " + string.Join(", ", RootVerbs(error)) + ".";
        }

        return error.Message;
    }

    private static IEnumerable<string> RootVerbs(ParseError error)
    {
        SymbolResult? result = error.SymbolResult;
        while (result?.Parent is not null)
        {
            result = result.Parent;
        }

        return result is CommandResult root ? root.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name) : [];
    }

    private static string? Expected(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) || type == typeof(float) ? "a number (such as 0.002)"
        : type == typeof(bool) ? "true or false"
        : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}"
        : null;

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? $"'{names[0]}'" : string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'")) + $" or '{names[^1]}'";
}
