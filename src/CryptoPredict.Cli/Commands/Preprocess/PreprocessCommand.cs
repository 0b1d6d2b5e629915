using System.CommandLine;
using System.Text.Json;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>preprocess</c>: loads a candle file, validates it, computes a feature set and writes the features as
/// CSV (<c>timestamp</c> then one column per feature, warm-up rows dropped) and the data-quality report as JSON.
/// Outputs are written to temporary files next to their destination and renamed only when everything
/// succeeded, so an error never leaves a partial or stale-looking output behind.
/// </summary>
public static class PreprocessCommand
{
    public static Command Create()
    {
        var run = RunOptions.ForDataVerb("preprocess");
        var features = new Option<string>("--features")
        {
            Description = $"Feature set ({string.Join(", ", FeatureSet.SetNames)}) or comma-separated feature names, e.g. close,ema_50,rsi_14.",
            DefaultValueFactory = _ => FeatureSet.DefaultName,
        };
        var output = new Option<string?>("--output") { Description = "CSV file to write the features to." };
        var report = new Option<string?>("--report") { Description = "JSON file to write the data-quality report to." };
        var resample = new Option<string?>("--resample") { Description = "Aggregate the candles to this coarser interval first (e.g. 4h); partial buckets are dropped." };
        var format = new Option<CandleFileFormat>("--format")
        {
            Description = "Force the file layout instead of detecting it.",
            DefaultValueFactory = _ => CandleFileFormat.Auto,
        };
        var fillGaps = new Option<bool>("--fill-gaps") { Description = "Forward-fill missing candles (close carried, volume 0) instead of only reporting them." };

        var command = new Command("preprocess", "Validate a candle file, compute features and write them as CSV, with a data-quality report.");
        run.AddTo(command, features, output, report, resample, format, fillGaps);
        command.SetAction(parse =>
        {
            var request = new PreprocessRequest(
                Run: run.Read(parse),
                Features: parse.GetValue(features)!,
                Output: parse.GetValue(output),
                Report: parse.GetValue(report),
                Resample: parse.GetValue(resample),
                Format: parse.GetValue(format),
                FillGaps: parse.GetValue(fillGaps));
            return Run(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    internal static int Run(PreprocessRequest request, TextWriter output, TextWriter error)
    {
        // Everything the user typed is checked before any file is read or written.
        if (!CommonOptions.SymbolPattern().IsMatch(request.Run.Symbol))
        {
            return Fail(error, ExitCodes.Usage, $"--symbol '{request.Run.Symbol}' is not a symbol: use 2 to 20 upper-case letters or digits, such as BTCUSDT.");
        }

        var interval = CandleInterval.Parse(request.Run.Interval);
        CandleInterval? resampleTo = null;
        if (request.Resample is not null)
        {
            if (!CandleInterval.TryParse(request.Resample, out var target))
            {
                return Fail(error, ExitCodes.Usage, $"--resample '{request.Resample}' is not an interval: use a count and a unit m, h, d or w, such as 4h.");
            }

            resampleTo = target;
        }

        FeatureSet featureSet;
        try
        {
            featureSet = FeatureSet.Parse(request.Features);
        }
        catch (FormatException e)
        {
            return Fail(error, ExitCodes.Usage, "--features: " + e.Message);
        }

        var candleRequest = new CandleSourceRequest
        {
            Symbol = request.Run.Symbol,
            Interval = interval,
            DataDir = request.Run.DataDir,
            DataFile = request.Run.DataFile,
            EnforceSymbol = request.Run.DataFile is null || request.Run.SymbolGiven,
            EnforceInterval = request.Run.DataFile is null || request.Run.IntervalGiven,
            Format = request.Format,
            FillGaps = request.FillGaps,
        };
        var inputPath = CandleSource.Locate(candleRequest).Path;
        foreach (var (option, path) in new[] { ("--output", request.Output), ("--report", request.Report) })
        {
            if (path is not null && OutputProblem(path, inputPath) is { } problem)
            {
                return Fail(error, ExitCodes.Usage, $"{option} '{path}': {problem}");
            }
        }

        using var staged = new StagedFiles();
        try
        {
            Log.Debug("preprocess reads {Path} ({Format})", inputPath, request.Format);
            var loaded = CandleSource.Read(candleRequest);
            if (resampleTo is { } target)
            {
                loaded = CandleSource.Resample(loaded, target);
            }

            if (loaded.IsResampled)
            {
                Log.Information("{Candles}", loaded.Describe());
            }

            var matrix = featureSet.Compute(loaded.Series);
            if (matrix.FirstCompleteRow >= matrix.RowCount)
            {
                return Fail(
                    error,
                    ExitCodes.BadData,
                    $"{inputPath}: too few candles: {matrix.RowCount} candles do not cover the warm-up of the features {string.Join(",", matrix.ColumnNames)}.");
            }

            if (request.Output is not null)
            {
                staged.StageText(request.Output, writer => FeatureCsvWriter.Write(matrix, writer));
            }

            if (request.Report is not null)
            {
                staged.StageText(request.Report, writer => writer.Write(loaded.Report.ToJson()));
            }

            staged.Commit();
            WriteSummary(output, request, featureSet, loaded, matrix);
            return ExitCodes.Ok;
        }
        catch (KeyNotFoundException e)
        {
            // A feature asked for a column the file does not carry.
            return Fail(error, ExitCodes.BadData, $"{inputPath}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            // Options that contradict the file, such as resampling 1h candles to 90m.
            return Fail(error, ExitCodes.Usage, $"{inputPath}: {Core.Runtime.Engine.WithoutParameterName(e)}");
        }
        catch (IOException e)
        {
            return Fail(error, ExitCodes.BadData, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(error, ExitCodes.BadData, e.Message);
        }
    }

    /// <summary>DATA_DIR/SYMBOL_INTERVAL.csv, refusing any result that would leave the data folder (see <see cref="CandleFolder.TryPath"/>).</summary>
    internal static bool TryDataDirPath(string dataDir, string symbol, CandleInterval interval, out string path) =>
        CandleFolder.TryPath(dataDir, symbol, interval, out path);

    private static string? OutputProblem(string path, string inputPath)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return $"folder '{directory}' does not exist.";
        }

        if (Directory.Exists(full))
        {
            return "is a folder.";
        }

        return string.Equals(full, Path.GetFullPath(inputPath), StringComparison.Ordinal) ? "would overwrite the input file." : null;
    }

    private static void WriteSummary(TextWriter output, PreprocessRequest request, FeatureSet set, CandleSourceResult loaded, FeatureMatrix matrix)
    {
        var series = loaded.Series;
        var rows = matrix.RowCount - matrix.FirstCompleteRow;
        var summary = new PreprocessSummary(
            File: loaded.Report.File,
            Symbol: series.Symbol,
            Interval: series.Interval.ToString(),
            Candles: series.Count,
            FeatureSet: set.Name,
            Columns: matrix.ColumnNames,
            WarmUpRowsDropped: matrix.FirstCompleteRow,
            Rows: rows,
            FirstTime: matrix.OpenTimes[matrix.FirstCompleteRow],
            LastTime: matrix.OpenTimes[^1],
            Gaps: loaded.Report.Gaps.Count,
            MissingCandles: loaded.Report.MissingCandles,
            FilledCandles: loaded.Report.FilledCandles,
            Warnings: loaded.Warnings,
            Output: request.Output,
            Report: request.Report);
        if (request.Run.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
            return;
        }

        output.WriteLine(
            $"{summary.Symbol} {summary.Interval}: {summary.Candles} candles, {summary.Gaps} gap(s) ({summary.MissingCandles} missing candle(s)"
            + (summary.FilledCandles > 0 ? $", {summary.FilledCandles} filled" : string.Empty) + ").");
        output.WriteLine(
            $"Features {summary.FeatureSet} ({matrix.ColumnCount} columns): {rows} rows from {summary.FirstTime:yyyy-MM-dd'T'HH:mm:ss'Z'} "
            + $"to {summary.LastTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, {summary.WarmUpRowsDropped} warm-up rows dropped.");
        foreach (var warning in summary.Warnings)
        {
            output.WriteLine("warning: " + warning);
        }

        if (request.Output is not null)
        {
            output.WriteLine($"Wrote {request.Output}.");
        }

        if (request.Report is not null)
        {
            output.WriteLine($"Wrote {request.Report}.");
        }
    }

    private static int Fail(TextWriter error, int exitCode, string message) => VerbSupport.Fail(error, exitCode, message);
}
