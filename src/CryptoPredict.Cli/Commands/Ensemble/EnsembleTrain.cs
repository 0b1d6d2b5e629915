using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Training;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>train --ensemble N</c> (N seeds of --model) and <c>train --models a,b</c> (several architectures of one kind):
/// the members trained one after another under one run lock, published as one bundle
/// (<c>models/SYMBOL_INTERVAL_lstm-x5</c>, <c>models/SYMBOL_INTERVAL_ensemble-lstm-cnn-lstm-attn</c>).
/// </summary>
internal static class EnsembleTrain
{
    public static int Run(TrainRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (request.Ensemble is not null && request.Models is not null)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, "--ensemble N trains N seeds of --model; --models a,b trains several models: give one of them.");
        }

        string[] models;
        if (request.Ensemble is { } count)
        {
            if (count is < EnsembleBundle.MinimumMembers or > EnsembleBundle.MaximumMembers)
            {
                return VerbSupport.Fail(error, ExitCodes.Usage, string.Create(CultureInfo.InvariantCulture,
                    $"--ensemble {count}: use {EnsembleBundle.MinimumMembers} to {EnsembleBundle.MaximumMembers} members."));
            }

            models = Enumerable.Repeat(request.Run.Model, count).ToArray();
        }
        else
        {
            models = request.Models!.Split(',', StringSplitOptions.TrimEntries);
        }

        foreach (var model in models)
        {
            if (!VerbSupport.TryArchitecture(model, error, out _, out var code))
            {
                return code;
            }
        }

        var interval = CandleInterval.Parse(request.Run.Interval);
        EnsembleTrainingRun run;
        try
        {
            run = new EnsembleTrainingRun(new EnsembleTrainingRequest
            {
                Symbol = request.Run.Symbol,
                Interval = interval.ToString(),
                Models = models,
                Settings = request.Settings,
                Resume = request.Resume,
                Force = request.Force,
                CheckpointsRoot = request.Run.CheckpointsDir,
                ModelsRoot = request.Run.ModelsDir,
                Command = request.CommandLine,
            });
        }
        catch (ArgumentException e)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, Core.Runtime.Engine.WithoutParameterName(e));
        }
        catch (FormatException e)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, "--features: " + e.Message);
        }

        var device = Core.Runtime.Engine.ResolveDevice(request.Run.Device);
        var candles = VerbSupport.ReadCandles(VerbSupport.CandleRequest(request.Run, interval));
        try
        {
            var result = run.Execute(candles, device, new TrainProgress(), cancellationToken);
            Write(output, request.Run.Json, request.Run.Symbol, interval.ToString(), device.ToString(), result);
            return result.Cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
        }
        catch (Exception e) when (e is TrainingDataException or KeyNotFoundException)
        {
            return VerbSupport.Fail(error, ExitCodes.BadData, $"{candles.Origin}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not FileNotFoundException)
        {
            return VerbSupport.Fail(error, ExitCodes.ModelProblem, e.Message);
        }
    }

    private static void Write(TextWriter output, bool json, string symbol, string interval, string device, EnsembleTrainingResult result)
    {
        var members = result.Members.Select(m => new EnsembleMemberSummary(
            m.Configuration.Model,
            m.Configuration.Seed,
            Stop(m.Outcome.Stop),
            m.Outcome.State.History.Count,
            m.Outcome.EpochsRunNow,
            m.Outcome.State.BestEpoch,
            double.IsFinite(m.Outcome.State.BestValidationLoss) ? m.Outcome.State.BestValidationLoss : null,
            m.CheckpointPath,
            m.TestMetrics)).ToArray();
        if (json)
        {
            var summary = new EnsembleTrainSummary(symbol, interval, result.Name, device, result.Cancelled ? "cancelled" : "trained", members, result.ModelDirectory, result.BundleVersion);
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
            return;
        }

        var table = new Table().AddColumn("train ensemble").AddColumn("");
        table.AddRow("ensemble", Markup.Escape($"{result.Name} ({symbol} {interval}) on {device}"));
        foreach (var (member, i) in members.Select((m, i) => (m, i)))
        {
            var best = member.BestValLoss is { } loss ? FormattableString.Invariant($", best epoch {member.BestEpoch} (val_loss {loss:0.000000})") : "";
            table.AddRow(Markup.Escape(FormattableString.Invariant($"member {i}")), Markup.Escape(FormattableString.Invariant(
                $"{member.Model} seed {member.Seed}: {member.Stop.Replace('_', ' ')}, {member.EpochsRun} epochs ({member.EpochsRunNow} in this run){best}")));
        }

        table.AddRow("model dir", Markup.Escape(result.ModelDirectory ?? "(not written: training was cancelled; continue with --resume)"));
        if (result.BundleVersion is not null)
        {
            table.AddRow("version", Markup.Escape(Path.GetFileName(result.BundleVersion)));
        }

        CliConsole.Create(output).Write(table);
    }

    private static string Stop(TrainingStop stop) => stop switch
    {
        TrainingStop.EarlyStopped => "early_stopped",
        TrainingStop.Cancelled => "cancelled",
        _ => "epochs_done",
    };
}

/// <summary><c>train --ensemble N --json</c>: the ensemble's name (the run's model part), each member's run, where it was published.</summary>
internal sealed record EnsembleTrainSummary(
    string Symbol, string Interval, string Model, string Device, string Stop, IReadOnlyList<EnsembleMemberSummary> Members, string? ModelDir, string? ModelVersion);

internal sealed record EnsembleMemberSummary(
    string Model, long Seed, string Stop, int EpochsRun, int EpochsRunNow, int BestEpoch, double? BestValLoss, string? Checkpoint, TestMetrics? TestMetrics);
