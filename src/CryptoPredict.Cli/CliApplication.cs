using System.CommandLine;
using CryptoPredict.Cli.Commands;
using CryptoPredict.Torch;
using Serilog;

namespace CryptoPredict.Cli;

/// <summary>Builds the command tree and runs it with the given writers (tests pass their own).</summary>
public static class CliApplication
{
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Log debug detail.", Recursive = true };

    public static readonly Option<int?> Threads = new("--threads") { Description = "libtorch intra-op threads (default: one per core).", Recursive = true };

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("CryptoPredict: deep-learning forecasters for crypto candles, on libtorch.")
        {
            Verbose,
            Threads,
        };
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(PreprocessCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = BuildRootCommand();
        var parse = root.Parse(args);
        using var logger = Logging.Create(error, parse.GetValue(Verbose));
        Log.Logger = logger;
        try
        {
            if (parse.GetValue(Threads) is int threads)
            {
                if (threads < 1)
                {
                    await error.WriteLineAsync($"--threads must be at least 1 (got {threads}).");
                    return ExitCodes.Usage;
                }

                TorchRuntime.Configure(new TorchRuntimeOptions { Threads = threads });
            }

            var config = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            };
            return await parse.InvokeAsync(config, cancellationToken);
        }
        finally
        {
            Log.Logger = Serilog.Core.Logger.None;
        }
    }
}
