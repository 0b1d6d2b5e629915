using System.CommandLine;
using System.Text.Json;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Runtime;
using Serilog;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>doctor</c>: what engine this installation runs on, and the speed settings it chose.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var dataDir = new Option<string?>("--data-dir") { Description = "Show this data folder instead of the one the folder rule finds." };
        var modelsDir = new Option<string?>("--models-dir") { Description = "Show this models folder instead of the one the folder rule finds." };
        var checkpointsDir = new Option<string?>("--checkpoints-dir") { Description = "Show this checkpoints folder instead of the one the folder rule finds." };
        var command = new Command("doctor", "Report the project folders in use and why, libtorch version, CPU/CUDA build, devices, threads, BLAS and the native libraries.")
        {
            json, dataDir, modelsDir, checkpointsDir,
        };
        command.SetAction(parse =>
        {
            var folders = ProjectFolders.ForProcess(parse.GetValue(dataDir), parse.GetValue(modelsDir), parse.GetValue(checkpointsDir));
            return Run(parse.GetValue(json), folders, parse.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(bool json, ProjectFolders folders, TextWriter output)
    {
        var report = Engine.Report();
        Log.Debug("doctor collected the runtime report");
        var named = new (string Name, ResolvedFolder Folder)[]
        {
            ("home", folders.Home), ("data", folders.Data), ("models", folders.Models), ("checkpoints", folders.Checkpoints), ("logs", folders.Logs),
        };
        if (json)
        {
            var folderJson = named.ToDictionary(f => f.Name, f => new FolderSummary(f.Folder.Path, f.Folder.Why, Directory.Exists(f.Folder.Path)), StringComparer.Ordinal);
            // The runtime report's fields stay at the top level (as before folders were added), with "folders" beside them.
            var node = JsonSerializer.SerializeToNode(report, CliJson.Options)!.AsObject();
            node["folders"] = JsonSerializer.SerializeToNode(folderJson, CliJson.Options);
            output.WriteLine(node.ToJsonString(CliJson.Options));
            return ExitCodes.Ok;
        }

        var console = CliConsole.Create(output);
        var paths = new Table().Border(TableBorder.Rounded).Title("project folders").AddColumn("folder").AddColumn("path").AddColumn("why");
        foreach (var (name, folder) in named)
        {
            paths.AddRow(name, Markup.Escape(folder.Path + (Directory.Exists(folder.Path) ? "" : " (not created yet)")), Markup.Escape(folder.Why));
        }

        console.Write(paths);
        console.WriteLine($"Rule: the option, else {ProjectFolders.HomeVariable}, else the nearest folder at or above the working folder holding data/, else the working folder.");

        var table = new Table().Border(TableBorder.Rounded).AddColumn("item").AddColumn("value");
        table.AddRow("cryptopredict", Markup.Escape(typeof(DoctorCommand).Assembly.GetName().Version?.ToString() ?? "?"));
        table.AddRow("libtorch", Markup.Escape(report.LibTorchVersion));
        table.AddRow("build", report.BuildFlavour);
        table.AddRow("CUDA available", report.CudaAvailable ? $"yes, {report.CudaDeviceCount} device(s)" : "no");
        for (var i = 0; i < report.CudaDeviceNames.Count; i++)
        {
            table.AddRow($"  cuda:{i}", Markup.Escape(report.CudaDeviceNames[i]));
        }

        table.AddRow("cuDNN", report.CudnnAvailable ? "yes" : "no");
        table.AddRow("threads", $"{report.IntraOpThreads} intra-op, {report.InterOpThreads} inter-op");
        table.AddRow("BLAS", Markup.Escape(report.Blas));
        table.AddRow("bridge", Markup.Escape(report.BridgePath ?? "?"));
        foreach (var lib in report.LoadedLibraries)
        {
            table.AddRow("  loaded", Markup.Escape(lib));
        }

        console.Write(table);
        var choices = new Table().Border(TableBorder.Rounded).Title("settings chosen before libtorch loaded").AddColumn("setting").AddColumn("value").AddColumn("why");
        foreach (var c in report.Choices)
        {
            choices.AddRow(Markup.Escape(c.Setting), Markup.Escape(c.Value), Markup.Escape(c.Reason));
        }

        console.Write(choices);
        console.WriteLine("Override with OPENBLAS_CORETYPE, OPENBLAS_NUM_THREADS, CRYPTOPREDICT_THREADS or --threads.");
        return ExitCodes.Ok;
    }
}

internal sealed record FolderSummary(string Path, string Why, bool Exists);
