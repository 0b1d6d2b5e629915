using System.CommandLine;
using System.Text.Json;
using CryptoPredict.Torch;
using Serilog;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>doctor</c>: what engine this installation runs on, and the speed settings it chose.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("doctor", "Report libtorch version, CPU/CUDA build, devices, threads, BLAS and the native libraries in use.") { json };
        command.SetAction(parse => Run(parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(bool json, TextWriter output, TextWriter error)
    {
        RuntimeReport report;
        try
        {
            report = RuntimeReport.Collect();
        }
        catch (DllNotFoundException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.ModelProblem;
        }

        Log.Debug("doctor collected the runtime report");
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
            return ExitCodes.Ok;
        }

        var console = CliConsole.Create(output);
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
