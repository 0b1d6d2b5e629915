using System.CommandLine;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>completion bash|zsh|pwsh</c>: prints a shell completion script for the verbs, options and option values.</summary>
public static class CompletionCommand
{
    public static Command Create(Func<RootCommand> tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var shell = new Argument<string>("shell") { Description = "bash, zsh or pwsh." };
        shell.AcceptOnlyFromAmong(CompletionScript.Shells);
        var command = new Command("completion", "Print a shell completion script: source <(cryptopredict completion bash); zsh and pwsh likewise.") { shell };
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(CompletionScript.For(parse.GetValue(shell)!, tree()));
            return ExitCodes.Ok;
        });
        return command;
    }
}
