using System.Text;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Export.Onnx;
using CryptoPredict.Core.Export.PyTorch;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Export;

/// <summary>
/// Writes a bundle as a folder another runtime reads: <c>model.onnx</c> + <c>export.json</c> (ONNX), or
/// <c>state_dict.pt</c> + <c>model.py</c> + <c>export.json</c> (PyTorch). The files are written into a staging
/// folder beside the target and the folder is renamed into place last, so the target holds a whole export or
/// nothing, even when the process is killed mid-way (a killed export leaves only a <c>.NAME.export-*.tmp</c> folder).
/// </summary>
public static class ModelExporter
{
    public const string DescriptionFileName = "export.json";
    public const string OnnxFileName = "model.onnx";
    public const string StateDictFileName = "state_dict.pt";
    public const string ModuleFileName = "model.py";

    /// <summary>Fault points, in write order, for kill tests (<see cref="FaultPoint"/>).</summary>
    public static readonly IReadOnlyList<string> FaultPoints = ["export-staged", "export-model-written", "export-description-written"];

    /// <summary>
    /// Writes the export of <paramref name="bundle"/> to <paramref name="outputDirectory"/>, which must not exist or be
    /// empty; returns the files written (full paths). A <see cref="RequestException"/> (usage) names the folder when it
    /// is not empty or cannot be written.
    /// </summary>
    public static IReadOnlyList<string> Write(ModelBundle bundle, ExportFormat format, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var target = Path.GetFullPath(outputDirectory);
        RequireFree(target);
        return WriteFiles(Render(bundle, format), DescriptionFileName, target);
    }

    /// <summary>
    /// Writes the export of every member of <paramref name="ensemble"/> into <c>members/I/</c> of
    /// <paramref name="outputDirectory"/> (each folder what <see cref="Write(ModelBundle, ExportFormat, string)"/>
    /// writes for that member) and <c>ensemble.json</c> at the top, written last: the members, their seeds and folders,
    /// and the rule that combines them (the mean of the members' <c>forecast</c> outputs, what <c>predict</c> prints).
    /// </summary>
    public static IReadOnlyList<string> Write(EnsembleBundle ensemble, ExportFormat format, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var target = Path.GetFullPath(outputDirectory);
        RequireFree(target);
        var files = new List<(string Name, byte[] Bytes)>();
        var members = new List<ExportedEnsembleMember>();
        for (var i = 0; i < ensemble.Members.Count; i++)
        {
            var folder = EnsembleBundle.MemberPath(i);
            files.AddRange(Render(ensemble.Members[i], format).Select(f => (folder + "/" + f.Name, f.Bytes)));
            var member = ensemble.Description.Members[i];
            members.Add(new ExportedEnsembleMember(member.Model, member.Seed, folder, folder + "/" + DescriptionFileName));
        }

        var d = ensemble.Description;
        var description = new ExportedEnsemble(
            ExportedEnsemble.CurrentFormatVersion, d.Name, d.Symbol, d.Interval, d.Kind, d.Horizon, d.Targets, ensemble.Version, FormatName(format), members,
            "mean of the members' forecast outputs, value by value (for price models the mean of the prices), as predict prints; " +
            "each member reads its own feature_columns, scalers and window from its export.json");
        files.Add((EnsembleBundle.DescriptionFileName, Encoding.UTF8.GetBytes(ArtifactJson.Serialize(description) + "\n")));
        return WriteFiles(files, EnsembleBundle.DescriptionFileName, target);
    }

    /// <summary>
    /// Writes <paramref name="files"/> (paths relative to the export, '/'-separated) into a staging folder, the file
    /// <paramref name="last"/> after every other, then renames the folder to <paramref name="target"/>.
    /// </summary>
    private static string[] WriteFiles(List<(string Name, byte[] Bytes)> files, string last, string target)
    {

        var parent = Path.GetDirectoryName(target)!;
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.export-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(staging);
            FaultPoint.Hit(FaultPoints[0]);
            foreach (var (name, bytes) in files.Where(f => f.Name != last))
            {
                WriteFile(Path.Combine(staging, name), bytes);
            }

            FaultPoint.Hit(FaultPoints[1]);
            WriteFile(Path.Combine(staging, last), files.Single(f => f.Name == last).Bytes);
            DirectorySync.Flush(staging);
            FaultPoint.Hit(FaultPoints[2]);
            if (Directory.Exists(target))
            {
                Directory.Delete(target); // empty (checked above); a folder that filled meanwhile refuses this
            }

            Directory.Move(staging, target);
            DirectorySync.Flush(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new RequestException(FailureKind.Usage,
                $"Cannot write the export to '{target}': {e.Message} Nothing was written; pass a writable --output folder.", target);
        }

        return files.Select(f => Path.GetFullPath(Path.Combine(target, f.Name))).ToArray();
    }

    /// <summary>The default output folder: exports/SYMBOL_INTERVAL_MODEL-FORMAT beside the models folder.</summary>
    public static string DefaultFolder(string exportsDirectory, ModelBundle bundle, ExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var d = bundle.Description;
        return DefaultFolder(exportsDirectory, d.Symbol, d.Interval, d.Architecture.Name, format);
    }

    /// <summary>The default output folder of a run: exports/SYMBOL_INTERVAL_MODEL-FORMAT beside the models folder.</summary>
    public static string DefaultFolder(string exportsDirectory, string symbol, string interval, string model, ExportFormat format) =>
        Path.Combine(exportsDirectory, $"{symbol}_{interval}_{model}-{FormatName(format)}");

    public static string FormatName(ExportFormat format) => format == ExportFormat.Onnx ? "onnx" : "pytorch";

    /// <summary>The files of the export, in memory, built before anything is written (a bad bundle writes nothing).</summary>
    private static List<(string Name, byte[] Bytes)> Render(ModelBundle bundle, ExportFormat format)
    {
        var heads = bundle.Heads;
        if (format == ExportFormat.PyTorch && !bundle.Architecture.IsClassifier && (heads.HasQuantiles || bundle.Description.Training.Horizons is not null))
        {
            // model.py builds each architecture's own single head; a wider last layer would not load into it.
            throw new RequestException(FailureKind.Usage,
                $"'{bundle.DescriptionPath}': --format pytorch exports the architectures' own heads only, and this model has " +
                $"{heads.Outputs} outputs (quantile or multi-horizon heads); export it with --format onnx.", bundle.DescriptionPath);
        }

        var description = ExportDescription.For(bundle, format);
        var files = new List<(string Name, byte[] Bytes)>();
        if (format == ExportFormat.Onnx)
        {
            files.Add((OnnxFileName, OnnxModel.Build(bundle)));
            description = description with { Onnx = OnnxInterface(bundle) };
        }
        else
        {
            files.Add((StateDictFileName, TorchStateDict.ToBytes(ExportWeights.Of(bundle).All)));
            files.Add((ModuleFileName, ModuleSource()));
            description = description with
            {
                PyTorch = new ExportedPyTorch(StateDictFileName, ModuleFileName, ModuleClass(bundle.Description.Architecture.Name),
                    "python3 model.py CANDLES.csv FEATURES.csv (FEATURES.csv from features_command); or import model; model.load()"),
            };
        }

        files.Add((DescriptionFileName, Encoding.UTF8.GetBytes(ArtifactJson.Serialize(description) + "\n")));
        return files;
    }

    private static ExportedOnnx OnnxInterface(ModelBundle bundle)
    {
        var d = bundle.Description;
        var window = d.Window.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var features = d.Architecture.InputFeatures.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var outputs = d.Architecture.Outputs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inputs = new List<ExportedTensor>
        {
            new(OnnxModel.FeaturesInput, "double", [OnnxModel.BatchDimension, window, features],
                "raw feature rows of each window, oldest first, columns in feature_columns order; the model scales them"),
        };
        if (Prediction.ForecastDecoding.IsPrice(bundle.Architecture.Kind))
        {
            inputs.Add(new(OnnxModel.LastCloseInput, "double", [OnnxModel.BatchDimension, "1"], "close of each window's last candle"));
        }

        return new ExportedOnnx(OnnxFileName, OnnxModel.IrVersion, OnnxModel.Opset, inputs,
        [
            new(OnnxModel.TargetOutput, "double", [OnnxModel.BatchDimension, outputs],
                "target units: log returns against last_close, a volatility, or class probabilities (target_scaler applied)"),
            new(OnnxModel.ForecastOutput, "double", [OnnxModel.BatchDimension, outputs], "the forecast as predict shows it (decoding applied), named by output_names"),
        ]);
    }

    private static string ModuleClass(string architecture) => architecture switch
    {
        "lstm" => "LstmClose",
        "bilstm-ohlc" => "BiLstmOhlc",
        "lstm-attn-vol" => "LstmAttentionVolatility",
        "cnn-lstm-regime" => "CnnLstmRegime",
        _ => "CnnLstmAttention",
    };

    private static byte[] ModuleSource()
    {
        using var stream = typeof(ModelExporter).Assembly.GetManifestResourceStream("CryptoPredict.Core.Export.PyTorch.model.py")
            ?? throw new InvalidOperationException("The PyTorch module template is not embedded in CryptoPredict.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void RequireFree(string target)
    {
        if (File.Exists(target))
        {
            throw new RequestException(FailureKind.Usage, $"The export folder '{target}' is a file; pass a new or empty folder with --output.", target);
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new RequestException(FailureKind.Usage,
                $"The export folder '{target}' is not empty; an export never overwrites files. Pass a new or empty folder with --output, or remove it.", target);
        }
    }

    private static void WriteFile(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The staging folder's name marks it as a leftover; the next export does not read it.
        }
    }
}
