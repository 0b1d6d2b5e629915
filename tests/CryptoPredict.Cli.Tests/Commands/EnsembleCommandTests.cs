using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>A two-member ensemble of the tiny close-only LSTM (one epoch each), trained once for the tests below.</summary>
public sealed class TrainedEnsemble : IAsyncLifetime
{
    public TrainFolders Folders { get; } = new("cp-ensemble-");

    public JsonElement TrainSummary { get; private set; }

    public string ModelDir => Path.Combine(Folders.Root, "models", "BTCUSDT_1h_lstm-x2");

    public async Task InitializeAsync()
    {
        var (code, output, error) = await CliRunner.RunAsync(Folders.Args("--ensemble", "2", "--epochs", "1", "--json"));
        if (code != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"training the ensemble failed with exit code {code}: {error}");
        }

        using var json = JsonDocument.Parse(output);
        TrainSummary = json.RootElement.Clone();
    }

    public Task DisposeAsync()
    {
        Folders.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class EnsembleCommandTests(TrainedEnsemble ensemble) : IClassFixture<TrainedEnsemble>
{
    private string[] Args(string verb, string modelsDir, params string[] extra) =>
        [verb, "--model", "lstm-x2", "--device", "cpu", "--data-dir", Path.Combine(ensemble.Folders.Root, "data"), "--models-dir", modelsDir, .. extra];

    private async Task<JsonElement> Json(string verb, params string[] extra)
    {
        var (code, output, error) = await CliRunner.RunAsync(Args(verb, Path.Combine(ensemble.Folders.Root, "models"), [.. extra, "--json"]));
        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    [Fact]
    public void Training_publishes_one_bundle_with_every_member_file_in_the_manifest()
    {
        var summary = ensemble.TrainSummary;
        summary.GetProperty("model").GetString().Should().Be("lstm-x2");
        var members = summary.GetProperty("members").EnumerateArray().ToArray();
        members.Select(m => m.GetProperty("seed").GetInt64()).Should().Equal(42, 43);
        members.Should().OnlyContain(m => m.GetProperty("model").GetString() == "lstm" && m.GetProperty("epochs_run_now").GetInt32() == 1);

        var loaded = EnsembleBundle.Load(ensemble.ModelDir);
        loaded.Members.Should().HaveCount(2);
        loaded.Members.Select(m => m.Description.Training.Seed).Should().Equal(42, 43);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(loaded.Directory, ModelBundle.ManifestFileName)));
        manifest.RootElement.GetProperty("files").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "ensemble.json", "members/0/model.json", "members/0/weights.cpt", "members/1/model.json", "members/1/weights.cpt");
        File.Exists(Path.Combine(ensemble.Folders.Root, "checkpoints", "BTCUSDT_1h_lstm-x2", "member-1", "checkpoint.cpt")).Should().BeTrue();
    }

    [Fact]
    public async Task Predict_reports_the_members_mean_and_their_spread()
    {
        var root = await Json("predict");

        root.GetProperty("model").GetString().Should().Be("lstm-x2");
        var members = root.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("forecast").GetProperty("close").GetDouble()).ToArray();
        members.Should().HaveCount(2);
        members[0].Should().NotBe(members[1], "the seeds differ");
        var mean = root.GetProperty("forecast").GetProperty("close").GetDouble();
        mean.Should().BeApproximately(members.Average(), 1e-9);
        root.GetProperty("predicted_close").GetDouble().Should().BeApproximately(mean, 1e-9);
        var spread = root.GetProperty("spread").GetProperty("close");
        spread.GetProperty("min").GetDouble().Should().Be(members.Min());
        spread.GetProperty("max").GetDouble().Should().Be(members.Max());
        spread.GetProperty("std").GetDouble().Should().BeApproximately(Math.Abs(members[0] - members[1]) / Math.Sqrt(2), 1e-9);
    }

    [Fact]
    public async Task Evaluate_scores_the_mean_against_the_baselines_and_lists_each_member()
    {
        var report = Path.Combine(ensemble.Folders.Root, "ensemble-report.html");

        var root = await Json("evaluate", "--report", report);
        var (code, table, error) = await CliRunner.RunAsync(Args("evaluate", Path.Combine(ensemble.Folders.Root, "models")));

        root.GetProperty("model").GetString().Should().Be("lstm-x2");
        var target = root.GetProperty("targets").GetProperty("close_h1");
        target.GetProperty("model").GetProperty("mae").GetDouble().Should().BePositive();
        target.GetProperty("persistence").GetProperty("mae").GetDouble().Should().BePositive();
        var members = root.GetProperty("ensemble").GetProperty("members").EnumerateArray().ToArray();
        members.Select(m => m.GetProperty("seed").GetInt64()).Should().Equal(42, 43);
        members.Should().OnlyContain(m => m.GetProperty("targets").GetProperty("close_h1").GetProperty("model").GetProperty("mae").GetDouble() > 0);
        root.GetProperty("ensemble").GetProperty("spread").GetProperty("close_h1").GetProperty("mean_std").GetDouble().Should().BePositive();
        root.GetProperty("diagnostics").GetProperty("close_h1").GetProperty("ljung_box").GetProperty("lags").GetInt32().Should().Be(20);
        code.Should().Be(ExitCodes.Ok, error);
        table.Should().Contain("members (each alone on the same samples)").And.Contain("seed");
        (await File.ReadAllTextAsync(report)).Should().Contain("lstm-x2").And.Contain("Member 1");
    }

    [Fact]
    public async Task Predict_with_the_onnx_engine_gives_libtorch_members_and_mean()
    {
        var torch = await Json("predict");
        var onnx = await Json("predict", "--engine", "onnx");

        var expected = torch.GetProperty("forecast").GetProperty("close").GetDouble();
        onnx.GetProperty("forecast").GetProperty("close").GetDouble().Should().BeApproximately(expected, 1e-5 * expected);
        var members = onnx.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("forecast").GetProperty("close").GetDouble()).ToArray();
        var torchMembers = torch.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("forecast").GetProperty("close").GetDouble()).ToArray();
        members.Should().HaveCount(2);
        for (var i = 0; i < members.Length; i++)
        {
            members[i].Should().BeApproximately(torchMembers[i], 1e-5 * torchMembers[i]);
        }
    }

    [Theory]
    [InlineData("onnx", "model.onnx")]
    [InlineData("pytorch", "state_dict.pt")]
    public async Task Export_of_an_ensemble_writes_each_members_export_and_ensemble_json_last(string format, string networkFile)
    {
        var output = Path.Combine(ensemble.Folders.Root, "export-" + format);
        var (code, text, error) = await CliRunner.RunAsync("export", "--symbol", "BTCUSDT", "--interval", "1h", "--model", "lstm-x2", "--format", format,
            "--models-dir", Path.Combine(ensemble.Folders.Root, "models"), "--output", output, "--json");
        code.Should().Be(ExitCodes.Ok, error);

        using (var summary = JsonDocument.Parse(text))
        {
            summary.RootElement.GetProperty("model").GetString().Should().Be("lstm-x2");
            summary.RootElement.GetProperty("files").EnumerateArray().Select(f => Path.GetRelativePath(output, f.GetString()!)).Should()
                .Contain(["ensemble.json", "members/0/export.json", "members/1/export.json", "members/0/" + networkFile, "members/1/" + networkFile]);
        }

        using var description = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "ensemble.json")));
        var root = description.RootElement;
        root.GetProperty("name").GetString().Should().Be("lstm-x2");
        root.GetProperty("format").GetString().Should().Be(format);
        root.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("seed").GetInt64()).Should().Equal(42, 43);
        root.GetProperty("combine").GetString().Should().Contain("mean");

        // Each member folder holds exactly what exporting that member's bundle alone writes.
        var loaded = EnsembleBundle.Load(ensemble.ModelDir);
        for (var i = 0; i < 2; i++)
        {
            var alone = Path.Combine(ensemble.Folders.Root, $"alone-{format}-{i}");
            var files = Core.Export.ModelExporter.Write(loaded.Members[i], format == "onnx" ? Core.Export.ExportFormat.Onnx : Core.Export.ExportFormat.PyTorch, alone);
            foreach (var file in files)
            {
                File.ReadAllBytes(Path.Combine(output, "members", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.GetFileName(file)))
                    .Should().Equal(File.ReadAllBytes(file), $"member {i} {Path.GetFileName(file)}");
            }
        }

        File.ReadAllBytes(Path.Combine(output, "members", "0", networkFile)).Should().NotEqual(File.ReadAllBytes(Path.Combine(output, "members", "1", networkFile)));
    }

    [Fact]
    public async Task A_tampered_member_file_is_refused_with_exit_3()
    {
        var models = Directory.CreateTempSubdirectory("cp-ensemble-tampered-").FullName;
        try
        {
            var copy = Path.Combine(models, "BTCUSDT_1h_lstm-x2");
            CopyTree(ensemble.ModelDir, copy);
            var version = File.ReadAllText(Path.Combine(copy, "current")).Trim();
            var weights = Path.Combine(copy, "versions", version, "members", "1", "weights.cpt");
            var bytes = File.ReadAllBytes(weights);
            bytes[^1] ^= 0xFF;
            File.WriteAllBytes(weights, bytes);

            var (code, _, error) = await CliRunner.RunAsync(Args("predict", models));

            code.Should().Be(ExitCodes.ModelProblem);
            error.Should().Contain(weights).And.Contain("manifest.json").And.Contain("members/1/weights.cpt");
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    [Fact]
    public async Task Models_lists_the_ensemble_with_its_members()
    {
        var (code, output, error) = await CliRunner.RunAsync("models", "--models-dir", Path.Combine(ensemble.Folders.Root, "models"),
            "--data-dir", Path.Combine(ensemble.Folders.Root, "data"), "--json");
        code.Should().Be(ExitCodes.Ok, error);

        using var json = JsonDocument.Parse(output);
        var entry = json.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("run").GetString() == "BTCUSDT_1h_lstm-x2");
        entry.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null, "an ensemble is a bundle, not a damaged folder");
        entry.GetProperty("model").GetString().Should().Be("lstm-x2");
        entry.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Should().Equal("lstm seed 42", "lstm seed 43");
        entry.GetProperty("version").GetString().Should().Be(EnsembleBundle.Load(ensemble.ModelDir).Version);
        entry.GetProperty("trained_on").GetProperty("candles").GetInt32().Should().BePositive();
        // The members' mean, scored at the end of training as evaluate scores it.
        var evaluated = await Json("evaluate");
        var recorded = entry.GetProperty("test_metrics").GetProperty("targets").EnumerateArray().Single();
        recorded.GetProperty("name").GetString().Should().Be("close_h1");
        recorded.GetProperty("mae").GetDouble().Should().BeApproximately(
            evaluated.GetProperty("targets").GetProperty("close_h1").GetProperty("model").GetProperty("mae").GetDouble(), 1e-12);

        var (tableCode, table, _) = await CliRunner.RunAsync("models", "--models-dir", Path.Combine(ensemble.Folders.Root, "models"),
            "--data-dir", Path.Combine(ensemble.Folders.Root, "data"));
        tableCode.Should().Be(ExitCodes.Ok);
        table.Should().Contain("lstm-x2 (2 members)").And.NotContain("cannot load");
    }

    [Fact]
    public async Task Serve_answers_the_ensemble_as_predict_json_does()
    {
        var expected = await Json("predict");
        var models = Path.Combine(ensemble.Folders.Root, "models");
        await using var server = await Serve.ServeTestServer.StartAsync(models, Path.Combine(ensemble.Folders.Root, "data"));

        var answer = await server.PostJsonAsync("/v1/predict", """{"symbol":"BTCUSDT","interval":"1h","model":"lstm-x2"}""");
        answer.Code.Should().Be(200, answer.Body);
        using (var json = JsonDocument.Parse(answer.Body))
        {
            var root = json.RootElement;
            root.GetProperty("model").GetString().Should().Be("lstm-x2");
            root.GetProperty("forecast").GetProperty("close").GetDouble().Should().Be(expected.GetProperty("forecast").GetProperty("close").GetDouble());
            root.GetProperty("members").GetArrayLength().Should().Be(2);
            root.GetProperty("spread").GetProperty("close").GetProperty("max").GetDouble()
                .Should().Be(expected.GetProperty("spread").GetProperty("close").GetProperty("max").GetDouble());
        }

        var listed = await server.GetAsync("/v1/models");
        using (var json = JsonDocument.Parse(listed.Body))
        {
            var entry = json.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "lstm-x2");
            entry.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
            entry.GetProperty("members").GetArrayLength().Should().Be(2);
            entry.GetProperty("min_candles").GetInt32().Should().BePositive();
        }

        (await server.GetAsync("/ready")).Code.Should().Be(200);
        var drift = await server.PostJsonAsync("/v1/drift", """{"symbol":"BTCUSDT","interval":"1h","model":"lstm-x2"}""");
        drift.Code.Should().Be(400, drift.Body);
        drift.Body.Should().Contain("is an ensemble");
    }

    [Fact]
    public void A_single_model_load_of_an_ensemble_says_what_it_is()
    {
        var act = () => ModelBundle.Load(ensemble.ModelDir);

        act.Should().Throw<ModelBundleException>().WithMessage("*is an ensemble (ensemble.json)*");
    }

    [Theory]
    [InlineData("--ensemble", "1")]
    [InlineData("--ensemble", "21")]
    [InlineData("--models", "lstm,cnn-lstm-regime")]
    [InlineData("--models", "lstm,no-such-model")]
    public async Task Ensembles_that_cannot_be_are_usage_errors(params string[] extra)
    {
        using var folders = new TrainFolders("cp-ensemble-usage-");

        var (code, _, error) = await CliRunner.RunAsync(folders.Args([.. extra, "--epochs", "1"]));

        code.Should().Be(ExitCodes.Usage, error);
        Directory.Exists(Path.Combine(folders.Root, "checkpoints")).Should().BeFalse("nothing is written for a refused request");
    }

    [Fact]
    public async Task A_killed_ensemble_resumes_at_the_member_it_was_in()
    {
        using var folders = new TrainFolders("cp-ensemble-kill-");

        var killed = await CliProcess.RunAsync(folders.Args("--ensemble", "2", "--epochs", "1"), EnsembleTrainingRun.FaultMemberTrained);
        killed.ExitCode.Should().Be(137, killed.Error);
        Directory.Exists(Path.Combine(folders.Root, "models", "BTCUSDT_1h_lstm-x2", "versions")).Should().BeFalse("nothing is published before every member is trained");

        var (code, output, error) = await CliRunner.RunAsync(folders.Args("--ensemble", "2", "--epochs", "1", "--resume", "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        var members = JsonDocument.Parse(output).RootElement.GetProperty("members").EnumerateArray().ToArray();
        members[0].GetProperty("epochs_run_now").GetInt32().Should().Be(0, "member 0 had finished before the kill");
        members[1].GetProperty("epochs_run_now").GetInt32().Should().Be(1);
        EnsembleBundle.Load(Path.Combine(folders.Root, "models", "BTCUSDT_1h_lstm-x2")).Members.Should().HaveCount(2);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

/// <summary>An ensemble of volatility models that learn the log of the volatility: averaged and scored as volatilities.</summary>
public sealed class VolatilityEnsembleCommandTests
{
    [Fact]
    public async Task A_log_volatility_ensemble_averages_volatilities_and_its_mean_scores_no_worse_than_its_members_average()
    {
        using var folders = new TrainFolders("cp-vol-ensemble-");
        var (code, _, error) = await CliRunner.RunAsync(folders.Args(
            "--model", "lstm-attn-vol", "--features", "volatility", "--window", "8", "--ensemble", "2", "--epochs", "1", "--json"));
        code.Should().Be(ExitCodes.Ok, error);
        string[] common = ["--model", "lstm-attn-vol-x2", "--device", "cpu", "--data-dir", Path.Combine(folders.Root, "data"),
            "--models-dir", Path.Combine(folders.Root, "models"), "--json"];

        var (evaluateCode, evaluated, evaluateError) = await CliRunner.RunAsync(["evaluate", .. common]);
        var (predictCode, predicted, predictError) = await CliRunner.RunAsync(["predict", .. common]);

        evaluateCode.Should().Be(ExitCodes.Ok, evaluateError);
        predictCode.Should().Be(ExitCodes.Ok, predictError);
        using var evaluation = JsonDocument.Parse(evaluated);
        var mean = evaluation.RootElement.GetProperty("targets").GetProperty("realized_vol_24").GetProperty("model").GetProperty("mae").GetDouble();
        var members = evaluation.RootElement.GetProperty("ensemble").GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("targets").GetProperty("realized_vol_24").GetProperty("model").GetProperty("mae").GetDouble()).ToArray();
        members.Should().HaveCount(2).And.OnlyContain(mae => mae > 0 && mae < 0.05, "hourly volatilities are around 0.005");

        // MAE is convex: the mean of two forecasts is never worse than the average of their MAEs (in volatility units).
        mean.Should().BeLessThanOrEqualTo(members.Average() + 1e-12);
        using var prediction = JsonDocument.Parse(predicted);
        var forecast = prediction.RootElement.GetProperty("forecast").GetProperty("realized_vol_24").GetDouble();
        var shown = prediction.RootElement.GetProperty("members").EnumerateArray()
            .Select(m => m.GetProperty("forecast").GetProperty("realized_vol_24").GetDouble()).ToArray();
        forecast.Should().BeApproximately(shown.Average(), 1e-12).And.BePositive();
    }
}

/// <summary>Quantile heads on the log-volatility target: scored, with their baseline, in volatility units.</summary>
public sealed class VolatilityQuantileCommandTests
{
    [Fact]
    public async Task Volatility_quantiles_and_their_baseline_are_scored_as_volatilities()
    {
        using var folders = new TrainFolders("cp-vol-quantiles-");
        var (code, _, error) = await CliRunner.RunAsync(folders.Args(
            "--model", "lstm-attn-vol", "--features", "volatility", "--window", "8", "--quantiles", "0.1,0.9", "--epochs", "1"));
        code.Should().Be(ExitCodes.Ok, error);

        var (evaluateCode, evaluated, evaluateError) = await CliRunner.RunAsync(["evaluate", "--model", "lstm-attn-vol", "--device", "cpu",
            "--data-dir", Path.Combine(folders.Root, "data"), "--models-dir", Path.Combine(folders.Root, "models"), "--json"]);

        evaluateCode.Should().Be(ExitCodes.Ok, evaluateError);
        using var json = JsonDocument.Parse(evaluated);
        var section = json.RootElement.GetProperty("quantiles").GetProperty("realized_vol_24");
        var interval = section.GetProperty("intervals").GetProperty("0.1-0.9");

        // Hourly volatilities are around 0.005: the baseline's interval covers most of them and its pinball loss is of that order.
        interval.GetProperty("baseline_coverage").GetDouble().Should().BeInRange(0.5, 1.0);
        interval.GetProperty("baseline_mean_width").GetDouble().Should().BeInRange(1e-5, 0.05);
        section.GetProperty("pinball").GetProperty("0.9").GetProperty("baseline").GetDouble().Should().BeInRange(0, 0.01);
    }
}
