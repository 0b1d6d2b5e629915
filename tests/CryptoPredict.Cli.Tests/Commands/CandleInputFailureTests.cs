using System.Text;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>
/// Every verb that reads candles refuses what is not a candle file (binary data, a device, a folder, a row that does
/// not match its header) with exit 2 and the reader's message: file, line and rule, no stack trace.
/// </summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class CandleInputFailureTests(TrainedBundles bundles) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> VerbsAndInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var verb in new[] { "train", "preprocess", "evaluate", "predict", "drift" })
        {
            foreach (var input in new[] { "nul-after-header", "dev-zero", "folder", "extra-field" })
            {
                data.Add(verb, input);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VerbsAndInputs))]
    public async Task Input_that_is_not_a_candle_file_exits_2_naming_file_line_and_rule(string verb, string input)
    {
        var (path, expected) = Input(input);

        var (code, output, error) = await CliRunner.RunAsync(Args(verb, path));

        code.Should().Be(ExitCodes.BadData, error);
        error.Should().Contain(expected);
        error.Should().NotContain("   at ", "no stack trace reaches the user");
        output.Should().BeEmpty();
    }

    /// <summary>The file to pass as --data, and what its error message must hold.</summary>
    private (string Path, string Expected) Input(string input)
    {
        var header = bundles.AllLines[0];
        switch (input)
        {
            case "nul-after-header":
                var nul = Path.Combine(_dir, "nul.csv");
                File.WriteAllBytes(nul, [.. Encoding.UTF8.GetBytes(header + "\n"), .. new byte[64 << 10]]);
                return (nul, $"{nul}:2: {CandleDataRule.BinaryData}: a NUL byte");
            case "dev-zero":
                return ("/dev/zero", $"/dev/zero: {CandleDataRule.NotAFile}: ");
            case "folder":
                var folder = Path.Combine(_dir, "folder");
                Directory.CreateDirectory(folder);
                return (folder, $"{folder}: {CandleDataRule.NotAFile}: this is a folder");
            default:
                var extra = Path.Combine(_dir, "extra.csv");
                var lines = bundles.AllLines.Take(1 + TrainedBundles.TrainingCandles).ToArray();
                lines[50] += ",1,2";
                File.WriteAllLines(extra, lines);
                return (extra, $"{extra}:51: {CandleDataRule.FieldCount}: expected 6 fields from the header, found 8");
        }
    }

    private string[] Args(string verb, string data) => verb switch
    {
        "train" =>
        [
            "train", "--data", data, "--model", "lstm", "--window", "16", "--epochs", "1", "--device", "cpu",
            "--models-dir", Path.Combine(_dir, "models"), "--checkpoints-dir", Path.Combine(_dir, "checkpoints"),
        ],
        "preprocess" => ["preprocess", "--data", data, "--output", Path.Combine(_dir, "features.csv")],
        _ => [verb, "--data", data, "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir],
    };
}
