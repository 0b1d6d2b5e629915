namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>Forecasts running at once on the inference threads give exactly the forecasts made one at a time.</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class ServeConcurrencyTests(TrainedBundles bundles)
{
    [Fact]
    public async Task Sixteen_concurrent_predicts_equal_the_sequential_ones()
    {
        await using var server = await ServeTestServer.StartAsync(bundles.ModelsDir, bundles.DataDir, o => o with { MaxConcurrentInference = 4 });
        string[] models = ["lstm", "bilstm-ohlc", "cnn-lstm-regime", "lstm-attn-vol"];
        var heldOut = bundles.AllLines.Skip(1 + TrainedBundles.TrainingCandles).ToArray();
        // Sixteen different requests: four models, each on four different stretches of candles.
        var bodies = Enumerable.Range(0, 16)
            .Select(i => RequestBodies.Predict(models[i % 4], heldOut.Skip(10 * (i / 4)).Take(150)).ToJsonString())
            .ToArray();
        var sequential = new List<string>();
        foreach (var body in bodies)
        {
            var answer = await server.PostJsonAsync("/v1/predict", body);
            answer.Code.Should().Be(200, answer.Body);
            sequential.Add(answer.Body);
        }

        for (var round = 0; round < 3; round++)
        {
            var concurrent = await Task.WhenAll(bodies.Select(body => Task.Run(() => server.PostJsonAsync("/v1/predict", body))));

            concurrent.Select(a => a.Code).Should().OnlyContain(c => c == 200);
            concurrent.Select(a => a.Body).Should().Equal(sequential, "a forecast does not depend on which thread ran it, or on what ran beside it");
        }
    }
}
