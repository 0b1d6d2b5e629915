using Spectre.Console;

namespace CryptoPredict.Cli;

/// <summary>A Spectre.Console console writing to the invocation's output (so tests can capture it).</summary>
internal static class CliConsole
{
    public static IAnsiConsole Create(TextWriter output) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
}
