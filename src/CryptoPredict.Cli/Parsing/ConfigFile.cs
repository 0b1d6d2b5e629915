using System.CommandLine;
using System.CommandLine.Help;
using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Failures;

namespace CryptoPredict.Cli.Parsing;

/// <summary>
/// A <c>--config</c> file: option values by long name without dashes (<c>epochs: 5</c>, <c>models-dir: /x</c>), at
/// the top level for every verb that takes them, or in a section named after a verb (<c>train: {epochs: 5}</c>) for
/// that verb only; a section's value wins over the top level's. The whole file is checked on every use, whichever
/// verb runs: a key no verb takes, a key a section's verb does not take, and a value of the wrong shape are errors
/// naming the file, the line and the key. Values are turned into command-line tokens, so the parser checks their
/// types and rules exactly as if they had been typed.
/// </summary>
internal sealed class ConfigFile
{
    private readonly PlanMap _root;

    private ConfigFile(string path, PlanMap root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <summary>Reads <paramref name="path"/> (JSON when it ends in .json, else YAML); a <see cref="RequestException"/> names what is wrong.</summary>
    public static ConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RequestException(FailureKind.Usage, $"--config '{path}': cannot read it ({e.Message}).", path);
        }

        PlanNode root;
        try
        {
            root = PlanNode.Parse(text, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
        }
        catch (PlanSyntaxException e)
        {
            throw new RequestException(FailureKind.Usage, $"{path}:{e.Line}: {e.Message}", path, e.Line);
        }

        return root is PlanMap map
            ? new ConfigFile(path, map)
            : throw Problem(path, root.Line, "the file must map option names to values (such as 'epochs: 5'), optionally under a section per verb.");
    }

    /// <summary>The values for <paramref name="command"/> (a verb of <paramref name="rootCommand"/>), after checking the whole file.</summary>
    public IReadOnlyList<ConfigValue> ValuesFor(Command rootCommand, Command command)
    {
        ArgumentNullException.ThrowIfNull(rootCommand);
        ArgumentNullException.ThrowIfNull(command);
        var verbs = rootCommand.Subcommands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var everyKey = verbs.Values.Prepend(rootCommand).SelectMany(v => Options(rootCommand, v).Keys).ToHashSet(StringComparer.Ordinal);
        var verb = TopVerb(rootCommand, command);
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var taken = Options(rootCommand, command);
        foreach (var entry in Unique(_root.Entries))
        {
            if (verbs.ContainsKey(entry.Key))
            {
                continue;
            }

            if (!everyKey.Contains(entry.Key))
            {
                throw Unknown(entry, everyKey, "any verb");
            }

            // A shared key is for the verbs that take it; the others run without it.
            if (taken.TryGetValue(entry.Key, out var option))
            {
                values[entry.Key] = Value(entry, option);
            }
        }

        foreach (var entry in _root.Entries.Where(e => verbs.ContainsKey(e.Key)))
        {
            var sectionVerb = verbs[entry.Key];
            if (entry.Value is not PlanMap section)
            {
                throw Problem(Path, entry.Line, $"section '{entry.Key}' must map {entry.Key}'s option names to values.");
            }

            var options = Options(rootCommand, sectionVerb);
            foreach (var inner in Unique(section.Entries))
            {
                if (!options.TryGetValue(inner.Key, out var option))
                {
                    throw Unknown(inner, options.Keys, entry.Key);
                }

                var value = Value(inner, option);
                if (ReferenceEquals(sectionVerb, verb) && taken.TryGetValue(inner.Key, out var own))
                {
                    values[inner.Key] = value with { Option = own };
                }
            }
        }

        return values.Values.ToArray();
    }

    /// <summary>The options a file may set for <paramref name="command"/>, by name without dashes: its own and the recursive ones above it.</summary>
    private static Dictionary<string, Option> Options(Command rootCommand, Command command)
    {
        var options = new Dictionary<string, Option>(StringComparer.Ordinal);
        foreach (var option in command.Options.Concat(ReferenceEquals(command, rootCommand) ? [] : rootCommand.Options.Where(o => o.Recursive)))
        {
            if (option is HelpOption or VersionOption || ConfigFileOption.Is(option))
            {
                continue;
            }

            options.TryAdd(option.Name.TrimStart('-'), option);
        }

        return options;
    }

    private static Command TopVerb(Command rootCommand, Command command)
    {
        var verb = command;
        while (verb.Parents.OfType<Command>().FirstOrDefault() is { } parent && !ReferenceEquals(parent, rootCommand))
        {
            verb = parent;
        }

        return verb;
    }

    private IEnumerable<PlanEntry> Unique(IReadOnlyList<PlanEntry> entries)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!seen.TryAdd(entry.Key, entry.Line))
            {
                throw Problem(Path, entry.Line, $"key '{entry.Key}' is given twice (first on line {seen[entry.Key]}).");
            }

            yield return entry;
        }
    }

    /// <summary>The tokens that set <paramref name="option"/> to the entry's value, or why the value cannot be one.</summary>
    private ConfigValue Value(PlanEntry entry, Option option)
    {
        string[] values = entry.Value switch
        {
            PlanScalar { Text.Length: > 0 } scalar => [scalar.Text],
            PlanScalar => throw Problem(Path, entry.Line, $"key '{entry.Key}' has no value."),
            PlanList list when option.Arity.MaximumNumberOfValues > 1 && list.Items.All(i => i is PlanScalar) => [.. list.Items.Cast<PlanScalar>().Select(i => i.Text)],
            PlanList => throw Problem(Path, entry.Line, $"key '{entry.Key}' takes one value, not a list."),
            _ => throw Problem(Path, entry.Line, $"key '{entry.Key}' takes a value, not a mapping."),
        };
        // A flag that is on is typed alone, as a user would type it (batch passes its tokens on to its workers).
        if (option.ValueType == typeof(bool) && values is [var flag] && bool.TryParse(flag, out var on) && on)
        {
            return new ConfigValue(entry.Key, entry.Line, option, [option.Name]);
        }

        return new ConfigValue(entry.Key, entry.Line, option, [option.Name, .. values]);
    }

    private RequestException Unknown(PlanEntry entry, IEnumerable<string> known, string where)
    {
        var close = Suggestions.Closest(entry.Key, known);
        var hint = close.Count > 0 ? $" Did you mean '{string.Join("' or '", close)}'?" : "";
        return Problem(Path, entry.Line, $"key '{entry.Key}' is not an option of {where}.{hint}");
    }

    private static RequestException Problem(string path, int line, string message) => new(FailureKind.Usage, $"{path}:{line}: {message}", path, line);
}

/// <summary>One option set by a config file: its key and line (for errors) and the tokens it stands for.</summary>
internal sealed record ConfigValue(string Key, int Line, Option Option, IReadOnlyList<string> Tokens);
