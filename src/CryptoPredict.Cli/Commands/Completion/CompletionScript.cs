using System.CommandLine;
using System.CommandLine.Completions;
using System.Text;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// Shell completion scripts generated from the command tree itself, so they list exactly the verbs, options and
/// known option values (models, intervals, devices, feature sets, formats) of this build. Static: completing never
/// starts the program (which would load libtorch on every Tab).
/// </summary>
internal static class CompletionScript
{
    public static readonly string[] Shells = ["bash", "zsh", "pwsh"];

    /// <summary>Command names the scripts register for: the published tool and the repository's run script.</summary>
    private static readonly string[] CommandNames = ["cryptopredict", "./run.sh", "run.sh"];

    public static string For(string shell, RootCommand root) => shell switch
    {
        "bash" => Bash(root),
        "zsh" => "#compdef cryptopredict\n# zsh: eval \"$(cryptopredict completion zsh)\" (uses zsh's bash completion emulation)\n" +
            "autoload -U +X bashcompinit && bashcompinit\n" + Bash(root),
        "pwsh" => PowerShell(root),
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Unknown shell."),
    };

    private static string Bash(RootCommand root)
    {
        var text = new StringBuilder();
        text.Append("# cryptopredict completion for bash: source <(cryptopredict completion bash), or save it under ~/.local/share/bash-completion/completions/\n");
        text.Append("_cryptopredict() {\n");
        text.Append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\" verb=\"\" i\n");
        text.Append("  (( COMP_CWORD > 0 )) && prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
        text.Append("  for (( i=1; i<COMP_CWORD; i++ )); do\n");
        text.Append("    case \"${COMP_WORDS[i]}\" in\n");
        text.Append($"      {string.Join('|', ValueOptions(root))}) (( i++ )) ;;\n");
        text.Append("      -*) ;;\n");
        text.Append("      *) verb=\"${COMP_WORDS[i]}\"; break ;;\n");
        text.Append("    esac\n");
        text.Append("  done\n");
        text.Append("  case \"$prev\" in\n");
        foreach (var (names, values) in OptionValues(root))
        {
            text.Append($"    {string.Join('|', names)}) COMPREPLY=($(compgen -W \"{string.Join(' ', values)}\" -- \"$cur\")); return ;;\n");
        }

        text.Append($"    {string.Join('|', PathOptions(root, folders: true))}) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n");
        text.Append($"    {string.Join('|', PathOptions(root, folders: false))}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n");
        text.Append("  esac\n");
        text.Append("  case \"$verb\" in\n");
        text.Append($"    \"\") COMPREPLY=($(compgen -W \"{string.Join(' ', Verbs(root).Select(v => v.Name).Concat(OptionNames(root, root)))}\" -- \"$cur\")) ;;\n");
        foreach (var verb in Verbs(root))
        {
            var words = OptionNames(verb, root);
            if (verb.Name == "completion")
            {
                words = [.. Shells, .. words];
            }

            text.Append($"    {verb.Name}) COMPREPLY=($(compgen -W \"{string.Join(' ', words)}\" -- \"$cur\")) ;;\n");
        }

        text.Append("  esac\n");
        text.Append("}\n");
        text.Append($"complete -o default -F _cryptopredict {string.Join(' ', CommandNames)}\n");
        return text.ToString();
    }

    private static string PowerShell(RootCommand root)
    {
        var text = new StringBuilder();
        text.Append("# cryptopredict completion for PowerShell: cryptopredict completion pwsh | Out-String | Invoke-Expression\n");
        text.Append("$cryptopredictVerbs = @{\n");
        text.Append($"  '' = @({Quote(Verbs(root).Select(v => v.Name).Concat(OptionNames(root, root)))})\n");
        foreach (var verb in Verbs(root))
        {
            var words = verb.Name == "completion" ? Shells.Concat(OptionNames(verb, root)) : OptionNames(verb, root);
            text.Append($"  '{verb.Name}' = @({Quote(words)})\n");
        }

        text.Append("}\n$cryptopredictValues = @{\n");
        foreach (var (names, values) in OptionValues(root))
        {
            foreach (var name in names)
            {
                text.Append($"  '{name}' = @({Quote(values)})\n");
            }
        }

        text.Append("}\n");
        text.Append($"$cryptopredictValueOptions = @({Quote(ValueOptions(root))})\n");
        text.Append($"Register-ArgumentCompleter -Native -CommandName {string.Join(',', CommandNames.Select(n => $"'{n}'"))} -ScriptBlock {{\n");
        text.Append("  param($wordToComplete, $commandAst, $cursorPosition)\n");
        text.Append("  $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })\n");
        text.Append("  if ($wordToComplete -ne '' -and $words.Count -gt 0) { $words = @($words | Select-Object -SkipLast 1) }\n");
        text.Append("  $verb = ''\n");
        text.Append("  for ($i = 0; $i -lt $words.Count; $i++) {\n");
        text.Append("    if ($cryptopredictValueOptions -contains $words[$i]) { $i++; continue }\n");
        text.Append("    if (-not $words[$i].StartsWith('-')) { $verb = $words[$i]; break }\n");
        text.Append("  }\n");
        text.Append("  $prev = if ($words.Count -gt 0) { $words[-1] } else { '' }\n");
        text.Append("  $candidates = if ($cryptopredictValues.ContainsKey($prev)) { $cryptopredictValues[$prev] } elseif ($cryptopredictVerbs.ContainsKey($verb)) { $cryptopredictVerbs[$verb] } else { @() }\n");
        text.Append("  $candidates | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }\n");
        text.Append("}\n");
        return text.ToString();
    }

    private static IEnumerable<Command> Verbs(Command root) => root.Subcommands.Where(c => !c.Hidden).OrderBy(c => c.Name, StringComparer.Ordinal);

    private static IEnumerable<Option> AllOptions(Command command, Command root) =>
        command.Options.Concat(ReferenceEquals(command, root) ? [] : root.Options.Where(o => o.Recursive)).Where(o => !o.Hidden);

    private static string[] OptionNames(Command command, Command root) =>
        AllOptions(command, root).Select(o => o.Name).Distinct(StringComparer.Ordinal).ToArray();

    private static IEnumerable<Option> EveryOption(Command root) =>
        Verbs(root).SelectMany(v => v.Options).Concat(root.Options).Where(o => !o.Hidden);

    /// <summary>Options that take a value (so the word after them is not a verb), by every name they answer to.</summary>
    private static string[] ValueOptions(Command root) =>
        EveryOption(root).Where(o => o.ValueType != typeof(bool) && o.Arity.MaximumNumberOfValues > 0)
            .SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Options with a known set of values (their completion sources), grouped by identical value lists.</summary>
    private static IEnumerable<(string[] Names, string[] Values)> OptionValues(Command root) =>
        EveryOption(root)
            .Where(o => o.ValueType != typeof(bool))
            .Select(o => (o.Name, Values: o.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToArray()))
            .Where(o => o.Values.Length > 0)
            .GroupBy(o => string.Join(' ', o.Values), StringComparer.Ordinal)
            .Select(g => (g.Select(o => o.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), g.First().Values));

    private static string[] PathOptions(Command root, bool folders) =>
        EveryOption(root)
            .Where(o => o.Name.EndsWith("-dir", StringComparison.Ordinal) == folders
                && (folders || o.Name is "--data" or "--report" or "--output" or "--equity"))
            .Select(o => o.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).DefaultIfEmpty("--no-such-option").ToArray();

    private static string Quote(IEnumerable<string> words) => string.Join(", ", words.Select(w => $"'{w}'"));
}
