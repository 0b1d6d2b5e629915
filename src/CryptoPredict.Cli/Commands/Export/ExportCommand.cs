using System.CommandLine;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Export;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>export</c>: writes the current bundle of models/SYMBOL_INTERVAL_MODEL as an ONNX model or a PyTorch state
/// dictionary with its module, each with the export.json sidecar (Core's <see cref="ModelExporter"/>). Reads the
/// weights in C#, so it runs without libtorch; the folder appears whole or not at all.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var symbol = CommonOptions.Symbol();
        var interval = CommonOptions.Interval();
        var model = VerbSupport.Model();
        var modelsDir = CommonOptions.ModelsDir();
        var format = new Option<string>("--format")
        {
            Description = "onnx (model.onnx: ONNX IR 8, opset 17, scaling and decoding inside) or pytorch (state_dict.pt for torch.load and model.py).",
            Required = true,
        };
        var outputDir = new Option<string?>("--output")
        {
            Description = "Folder to write, new or empty (default: exports/SYMBOL_INTERVAL_MODEL-FORMAT beside the models folder).",
        };
        var json = CommonOptions.Json();
        var command = new Command("export", "Export a trained model for ONNX Runtime or PyTorch, with a JSON sidecar (features, scalers, window, decoding).")
        {
            symbol, interval, model, modelsDir, format, outputDir, json,
        };
        command.SetAction(parse => Run(
            new ExportRequest(
                parse.GetValue(symbol)!, parse.GetValue(interval)!, parse.GetValue(model)!, parse.GetValue(modelsDir)!,
                parse.GetValue(format)!, parse.GetValue(outputDir), parse.GetValue(json)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(ExportRequest request, TextWriter output, TextWriter error)
    {
        if (!TryFormat(request.Format, out var format))
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--format {request.Format}: use onnx or pytorch.");
        }

        var ensembleName = EnsembleNames.IsEnsembleName(request.Model);
        var modelName = request.Model;
        if (!ensembleName)
        {
            if (!VerbSupport.TryArchitecture(request.Model, error, out var architecture, out var code))
            {
                return code;
            }

            modelName = architecture.Name;
        }

        var interval = CandleInterval.Parse(request.Interval);
        string runDirectory;
        try
        {
            runDirectory = VerbSupport.BundleDirectory(request.ModelsDir, request.Symbol, interval.ToString(), modelName);
        }
        catch (ArgumentException e)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, e.Message);
        }

        if (!ModelBundle.Exists(runDirectory))
        {
            return VerbSupport.Fail(error, ExitCodes.ModelProblem, VerbSupport.MissingBundleMessage(runDirectory, request.Symbol, interval.ToString(), modelName));
        }

        var exportsDir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.ModelsDir)) ?? ".", "exports");
        if (ensembleName)
        {
            return WriteEnsemble(request, format, EnsembleBundle.Load(runDirectory), exportsDir, output);
        }

        var bundle = ModelBundle.Load(runDirectory);
        var architectureName = bundle.Description.Architecture.Name;
        var folder = Path.GetFullPath(request.Output ?? ModelExporter.DefaultFolder(exportsDir, bundle, format));
        var files = ModelExporter.Write(bundle, format, folder);
        if (request.Json)
        {
            var summary = new ExportSummary(bundle.Description.Symbol, bundle.Description.Interval, architectureName, ModelExporter.FormatName(format),
                bundle.Version, folder, files);
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
        }
        else
        {
            output.WriteLine($"Exported {architectureName} ({bundle.Description.Symbol} {bundle.Description.Interval}) as {ModelExporter.FormatName(format)} to {folder}:");
            foreach (var file in files)
            {
                output.WriteLine("  " + Path.GetFileName(file));
            }
        }

        return ExitCodes.Ok;
    }

    private static int WriteEnsemble(ExportRequest request, ExportFormat format, EnsembleBundle ensemble, string exportsDir, TextWriter output)
    {
        var d = ensemble.Description;
        var folder = Path.GetFullPath(request.Output ?? ModelExporter.DefaultFolder(exportsDir, d.Symbol, d.Interval, d.Name, format));
        var files = ModelExporter.Write(ensemble, format, folder);
        if (request.Json)
        {
            var summary = new ExportSummary(d.Symbol, d.Interval, d.Name, ModelExporter.FormatName(format), ensemble.Version, folder, files);
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
        }
        else
        {
            output.WriteLine($"Exported the ensemble {d.Name} ({d.Symbol} {d.Interval}, {ensemble.Members.Count} members) as {ModelExporter.FormatName(format)} to {folder}:");
            foreach (var file in files)
            {
                output.WriteLine("  " + Path.GetRelativePath(folder, file));
            }
        }

        return ExitCodes.Ok;
    }

    private static bool TryFormat(string text, out ExportFormat format)
    {
        format = ExportFormat.Onnx;
        switch (text.ToLowerInvariant())
        {
            case "onnx":
                return true;
            case "pytorch" or "torch":
                format = ExportFormat.PyTorch;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>The typed options of one <c>export</c> invocation.</summary>
internal sealed record ExportRequest(string Symbol, string Interval, string Model, string ModelsDir, string Format, string? Output, bool Json);

/// <summary><c>export --json</c>: what was exported and the files written (full paths).</summary>
internal sealed record ExportSummary(string Symbol, string Interval, string Model, string Format, string? BundleVersion, string Folder, IReadOnlyList<string> Files);
