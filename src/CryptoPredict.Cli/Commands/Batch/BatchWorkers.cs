using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CryptoPredict.Core.Batch;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>--max-parallel P</c>: P child processes of this program, each a <c>batch</c> over the same units and ledger
/// (<c>--worker I/P --json</c>, cores / P libtorch threads each), which share the units through the ledger's claims.
/// Processes rather than threads: libtorch's settings are per process, and a worker that crashes takes no other
/// down. The children's reports are merged, per unit the one that says most (trained, failed, skipped, busy).
/// </summary>
internal static class BatchWorkers
{
    public static (IReadOnlyList<UnitResult> Units, bool Cancelled) Run(BatchRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        var count = Math.Min(request.MaxParallel, request.Units.Count);
        var threads = Math.Max(1, Environment.ProcessorCount / count);
        var live = BatchBoard.IsLive(Console.Out, request.Json) && ReferenceEquals(error, Console.Error);
        var children = Enumerable.Range(0, count).Select(i => Child.Start(request, i, count, threads, live ? null : error)).ToList();
        try
        {
            if (live)
            {
                using var ledger = BatchLedgers.Open(request.Ledger, request.ModelsDir);
                BatchBoard.Show(request, Console.Out, progress =>
                {
                    while (!children.All(c => c.Process.WaitForExit(TimeSpan.FromSeconds(1))))
                    {
                        foreach (var entry in ledger.Entries())
                        {
                            progress(entry.Name, string.Create(CultureInfo.InvariantCulture, $"{entry.State.Text()} (attempt {entry.Attempts})"));
                        }
                    }

                    return 0;
                });
            }

            using (cancellationToken.Register(() => Task.Delay(TimeSpan.FromSeconds(60), CancellationToken.None).ContinueWith(_ => children.ForEach(c => c.Kill()), TaskScheduler.Default)))
            {
                foreach (var child in children)
                {
                    child.Process.WaitForExit();
                }
            }

            var reports = children.Select(c => c.Report(error)).ToList();
            var merged = new List<UnitResult>();
            foreach (var unit in request.Units)
            {
                var best = reports.SelectMany(r => r?.Units ?? []).Where(u => u.Name == unit.Name).OrderByDescending(u => u.Weight).FirstOrDefault();
                merged.Add(best ?? new UnitResult(unit.Symbol, unit.Interval, unit.Model, unit.Name, UnitResult.Failed,
                    "no worker reported this unit (a worker process ended without its report; see above); the next run reclaims it",
                    ExitCodes.Internal, null, 0, null, null, null, null));
            }

            return (merged, cancellationToken.IsCancellationRequested || reports.Any(r => r?.Cancelled == true));
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
    }

    private sealed class Child : IDisposable
    {
        private readonly Task<string> _output;
        private readonly Task _error;
        private readonly int _index;

        private Child(Process process, int index, TextWriter? error)
        {
            Process = process;
            _index = index;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = Forward(process.StandardError, index, error);
        }

        public Process Process { get; }

        public static Child Start(BatchRequest request, int index, int count, int threads, TextWriter? error)
        {
            var (program, prefix) = ThisProgram();
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in prefix.Concat(Arguments(request, index, count, threads)))
            {
                start.ArgumentList.Add(arg);
            }

            return new Child(Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start."), index, error);
        }

        /// <summary>The child's report, or null (said on <paramref name="error"/>) when it ended without one.</summary>
        public BatchSummary? Report(TextWriter error)
        {
            _error.Wait();
            var text = _output.Result;
            try
            {
                var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
                if (line is not null && JsonSerializer.Deserialize<BatchSummary>(line, CliJson.Options) is { Units: not null } summary)
                {
                    return summary;
                }
            }
            catch (JsonException)
            {
                // Reported below with what it printed.
            }

            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batch worker {_index} (pid {Process.Id}) exited {Process.ExitCode} without a report{(text.Length > 0 ? ": " + text.Trim() : "")}"));
            return null;
        }

        public void Kill()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }
        }

        public void Dispose()
        {
            Kill();
            Process.Dispose();
        }

        /// <summary>The parent's own arguments (with its --config file's values) without --max-parallel, --config and --json, as worker I of N with --json.</summary>
        private static List<string> Arguments(BatchRequest request, int index, int count, int threads)
        {
            var args = new List<string>();
            var tokens = request.Arguments;
            for (var i = 0; i < tokens.Count; i++)
            {
                // The parent's tokens already hold the --config file's values; read again, it would bring back --max-parallel.
                if (tokens[i] is "--max-parallel" or Parsing.ConfigFileOption.Name)
                {
                    i++;
                }
                else if (tokens[i] != "--json")
                {
                    args.Add(tokens[i]);
                }
            }

            args.AddRange(["--worker", string.Create(CultureInfo.InvariantCulture, $"{index}/{count}"), "--json"]);
            args.AddRange(["--batch-started", request.Rules.Since!.Value.ToString("O", CultureInfo.InvariantCulture)]);
            if (!request.ThreadsGiven)
            {
                args.AddRange(["--threads", threads.ToString(CultureInfo.InvariantCulture)]);
            }

            return args;
        }

        /// <summary>This program as it was started: the apphost itself, or <c>dotnet cryptopredict.dll</c>.</summary>
        private static (string Program, string[] Prefix) ThisProgram()
        {
            var host = Environment.ProcessPath ?? "dotnet";
            return Path.GetFileNameWithoutExtension(host) == "dotnet"
                ? (host, [Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("The entry assembly has no location; cannot start worker processes.")])
                : (host, []);
        }

        private static async Task Forward(StreamReader reader, int index, TextWriter? error)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (error is not null)
                {
                    lock (error)
                    {
                        error.WriteLine($"[worker {index}] {line}");
                    }
                }
            }
        }
    }
}
