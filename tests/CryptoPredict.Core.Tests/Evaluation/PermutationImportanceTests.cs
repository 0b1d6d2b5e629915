using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Tests.Models;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Evaluation;

[Collection(SerialTorchTests.Name)]
public sealed class PermutationImportanceTests(EvaluatorBundles bundles) : IClassFixture<EvaluatorBundles>
{
    private const int Length = 4;

    [Fact]
    public void The_column_the_target_is_built_from_matters_more_than_pure_noise()
    {
        var (features, endRows, targets) = SignalAndNoise();

        var result = Importance(features, endRows, targets, seed: 7);

        result.Features.Select(f => f.Feature).Should().Equal("signal", "noise");
        var signal = result.Features[0];
        var noise = result.Features[1];
        result.Score.Should().BeApproximately(Mae(features, endRows, targets), 1e-12, "unshuffled, the laid-out windows are the original ones");
        signal.Mean.Should().BeGreaterThan(10 * Math.Max(noise.Mean, 1e-9));
        signal.Mean.Should().BeGreaterThan(signal.StandardDeviation);
        noise.Mean.Should().BeLessThan(0.05);
        signal.Losses.Should().HaveCount(5).And.OnlyContain(l => l > 0);
        signal.Minimum.Should().Be(signal.Losses.Min());
    }

    [Fact]
    public void The_same_seed_gives_the_same_importance_and_another_seed_another()
    {
        var (features, endRows, targets) = SignalAndNoise();

        var first = Importance(features, endRows, targets, seed: 3);
        var again = Importance(features, endRows, targets, seed: 3);
        var other = Importance(features, endRows, targets, seed: 4);

        again.Should().BeEquivalentTo(first);
        other.Features[0].Losses.Should().NotEqual(first.Features[0].Losses);
        first.Seed.Should().Be(3);
    }

    [Fact]
    public void A_real_model_unshuffled_scores_its_evaluation_mae_and_ranks_every_column()
    {
        var bundle = ModelBundle.Load(bundles.Close);
        using var forecaster = new Forecaster(bundle, Device.Cpu);
        var evaluation = Evaluator.Evaluate(forecaster, RealCandles.BtcHead2000, EvaluationPart.Test);

        var result = PermutationImportance.Compute(forecaster, evaluation.Samples, repeats: 2, seed: 11);

        result.Metric.Should().Be(PermutationImportance.MaeMetric);
        result.Score.Should().BeApproximately(evaluation.Regression.Average(r => r.Comparison.Model.Mae), 1e-9);
        result.Features.Select(f => f.Feature).Should().BeEquivalentTo(bundle.Description.FeatureColumns);
        result.Features.Select(f => f.Mean).Should().BeInDescendingOrder();
        result.Features.Should().OnlyContain(f => f.Losses.Count == 2 && double.IsFinite(f.Mean));
    }

    /// <summary>
    /// Two columns, 300 windows of 4 rows: the target of a window is the sum of its "signal" values; "noise" is
    /// random. The "model" forecasts the sum of the signal plus a hundredth of the last noise value.
    /// </summary>
    private static (FeatureMatrix Features, int[] EndRows, double[] Targets) SignalAndNoise()
    {
        var random = new Random(5);
        var rows = 400;
        var signal = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        var noise = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        var times = Enumerable.Range(0, rows).Select(i => SyntheticCandles.Start.AddHours(i)).ToArray();
        var features = FeatureMatrix.FromColumns(["signal", "noise"], [signal, noise], times, CandleInterval.OneHour);
        var endRows = Enumerable.Range(Length - 1, 300).ToArray();
        var targets = endRows.Select(e => Enumerable.Range(e - Length + 1, Length).Sum(r => signal[r])).ToArray();
        return (features, endRows, targets);
    }

    private static PermutationImportanceResult Importance(FeatureMatrix features, int[] endRows, double[] targets, long seed) =>
        PermutationImportance.Compute(
            features, endRows, Length, (matrix, ends) => Mae(matrix, ends, targets), PermutationImportance.MaeMetric, higherIsBetter: false, repeats: 5, seed);

    private static double Mae(FeatureMatrix matrix, int[] ends, double[] targets)
    {
        var total = 0.0;
        for (var i = 0; i < ends.Length; i++)
        {
            var end = ends[i];
            var forecast = Enumerable.Range(end - Length + 1, Length).Sum(r => matrix[r, 0]) + (0.01 * matrix[end, 1]);
            total += Math.Abs(targets[i] - forecast);
        }

        return total / ends.Length;
    }
}
