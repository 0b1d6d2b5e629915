using System.CommandLine;
using CryptoPredict.Cli.Commands;
using CryptoPredict.Cli.Failures;
using CryptoPredict.Cli.Parsing;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Runtime;
using Serilog;

namespace CryptoPredict.Cli;

/// <summary>
/// Builds the command tree and runs it with the given writers (tests pass their own). Parse errors, and every
/// exception a verb lets out, are reported here and only here (<see cref="FailureReporter"/>).
/// </summary>
public static class CliApplication
{
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Log debug detail.", Recursive = true };

    public static readonly Option<int?> Threads = new("--threads") { Description = "libtorch intra-op threads (default: one per core).", Recursive = true };

    public static readonly Option<string?> Config = ConfigFileOption.Create();

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("CryptoPredict: deep-learning forecasters for crypto candles, on libtorch.")
        {
            Verbose,
            Threads,
            Config,
        };
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(PreprocessCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(DriftCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(FetchCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(Commands.Serve.ServeCommand.Create());
        root.Subcommands.Add(PortfolioCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(PipelineCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create(BuildRootCommand));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = BuildRootCommand();
        var parse = root.Parse(args);
        Exception? configFailure = null;
        try
        {
            (parse, args) = ConfigFileOption.Expand(root, parse, args);
        }
        catch (Core.Failures.RequestException e)
        {
            configFailure = e;
        }

        var json = WantsJson(parse, args);
        var logs = ProjectFolders.ForProcess().Logs.Path;
        using var logger = Logging.Create(error, parse.GetValue(Verbose), logs);
        Log.Logger = logger;
        try
        {
            if (configFailure is not null)
            {
                return FailureReporter.Report(configFailure, output, error, json);
            }

            if (parse.Errors.Count > 0)
            {
                return ReportParseErrors(parse, output, error, json);
            }

            if (parse.GetValue(Threads) is int threads)
            {
                Engine.ConfigureThreads(threads);
            }

            var config = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (Exception e)
        {
            return FailureReporter.Report(e, output, error, json);
        }
        finally
        {
            Log.Logger = Serilog.Core.Logger.None;
        }
    }

    /// <summary>One line per problem, in words, then where to find the options: never the whole help text.</summary>
    private static int ReportParseErrors(ParseResult parse, TextWriter output, TextWriter error, bool json)
    {
        var lines = ParseErrorText.Lines(parse);
        if (lines.Count == 0)
        {
            lines = ["Invalid command line."];
        }

        foreach (var line in lines)
        {
            error.WriteLine(line);
        }

        error.WriteLine($"Run '{ParseErrorText.CommandPath(parse)} --help' for the options.");
        if (json)
        {
            FailureReporter.WriteJson(new Core.Failures.Failure(Core.Failures.FailureKind.Usage, string.Join(" ", lines)), ExitCodes.Usage, output);
        }

        return ExitCodes.Usage;
    }

    /// <summary>--json given to the verb; on a command line that does not parse, any --json token counts.</summary>
    private static bool WantsJson(ParseResult parse, string[] args)
    {
        var option = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--json");
        if (parse.Errors.Count == 0)
        {
            return option is Option<bool> flag && parse.GetValue(flag);
        }

        return args.Contains("--json", StringComparer.Ordinal);
    }
}
