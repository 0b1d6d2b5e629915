using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>A version published while serving (a retrain) is served from the next request on, without a restart.</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class ServeHotReloadTests(TrainedBundles bundles) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-serve-reload-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_newly_published_version_is_picked_up_on_the_next_request()
    {
        var models = Path.Combine(_dir, "models");
        var run = bundles.CopyBundle("lstm", models);
        var before = ModelBundle.Load(run);
        // A retrain: other weights for the same run (a second seed), published by train into a folder of its own.
        var retrained = Path.Combine(_dir, "retrained");
        var (code, _, error) = await CliRunner.RunAsync(
            "train", "--model", "lstm", "--window", "16", "--epochs", "1", "--batch-size", "64", "--device", "cpu", "--seed", "7",
            "--data-dir", bundles.DataDir, "--models-dir", retrained, "--checkpoints-dir", Path.Combine(_dir, "checkpoints"), "--json");
        code.Should().Be(ExitCodes.Ok, error);
        var next = ModelBundle.Load(Path.Combine(retrained, "BTCUSDT_1h_lstm"));

        await using var server = await ServeTestServer.StartAsync(models, bundles.DataDir);
        const string Request = """{"symbol":"BTCUSDT","interval":"1h","model":"lstm"}""";
        var first = await server.PostJsonAsync("/v1/predict", Request);
        first.Code.Should().Be(200, first.Body);

        var published = Path.GetFileName(ModelBundle.Publish(run, next.Description, next.Weights));

        var second = await server.PostJsonAsync("/v1/predict", Request);
        second.Code.Should().Be(200, second.Body);
        second.Body.Should().NotBe(first.Body, "the new weights forecast otherwise");
        var (_, printed, _) = await CliRunner.RunAsync(
            "predict", "--model", "lstm", "--device", "cpu", "--models-dir", models, "--data-dir", bundles.DataDir, "--json");
        second.Body.Should().Be(printed.Trim(), "the server now serves what predict reads: the published version");
        var listed = (await server.GetAsync("/v1/models")).Json().GetProperty("models")[0];
        listed.GetProperty("version").GetString().Should().Be(published).And.NotBe(before.Version);
        (await server.GetAsync("/metrics")).Body.Should().Contain("""cryptopredict_model_load_seconds_count{model="BTCUSDT_1h_lstm"} 2""");
    }
}
