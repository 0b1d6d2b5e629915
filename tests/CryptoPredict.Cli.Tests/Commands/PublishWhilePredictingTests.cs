using System.Globalization;
using CryptoPredict.TestPublisher;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>A server-like reader: predict in a loop while another process keeps publishing the same model (a retrain).</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class PublishWhilePredictingTests(TrainedBundles bundles) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-publish-predict-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_predict_succeeds_while_versions_are_published_and_pruned()
    {
        const int Versions = 25;
        var models = Path.Combine(_dir, "models");
        var run = bundles.CopyBundle("lstm", models);
        using var publisher = PublisherProcess.Start(null, "copy", run, bundles.BundleDir("lstm"), Versions.ToString(CultureInfo.InvariantCulture));
        var publisherError = publisher.StandardError.ReadToEndAsync();

        var predictions = 0;
        while (!publisher.HasExited || predictions == 0)
        {
            var (code, output, error) = await CliRunner.RunAsync(
                "predict", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", models, "--json");
            code.Should().Be(ExitCodes.Ok, $"prediction {predictions + 1} ran while a publish was in progress: {error}");
            output.Should().Contain("\"forecast\"");
            predictions++;
        }

        await publisher.WaitForExitAsync();
        publisher.ExitCode.Should().Be(0, await publisherError);
        predictions.Should().BeGreaterThan(1);
    }
}
