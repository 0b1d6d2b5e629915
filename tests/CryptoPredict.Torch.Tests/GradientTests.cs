using CryptoPredict.Torch.Nn;
using F = CryptoPredict.Torch.Nn.Functional;

namespace CryptoPredict.Torch.Tests;

public class GradientTests
{
    public GradientTests() => Torch.ManualSeed(1234);

    [Fact]
    public void Linear_gradients_match_finite_differences()
    {
        using var m = new Linear(5, 3);
        GradCheck.Module(m, x => m.Forward(x), [4, 5]);
    }

    [Fact]
    public void Conv1d_gradients_match_finite_differences()
    {
        using var m = new Conv1d(3, 4, kernelSize: 3, samePadding: true);
        GradCheck.Module(m, x => m.Forward(x), [2, 3, 7]);
    }

    [Fact]
    public void Bidirectional_two_layer_LSTM_gradients_match_finite_differences()
    {
        using var m = new LSTM(3, 4, numLayers: 2, bidirectional: true);
        GradCheck.Module(m, x => m.Forward(x).Output, [2, 5, 3]);
    }

    [Fact]
    public void GRU_gradients_match_finite_differences()
    {
        using var m = new GRU(3, 4, numLayers: 2);
        GradCheck.Module(m, x => m.Forward(x).HiddenState, [2, 5, 3]);
    }

    [Fact]
    public void MultiheadAttention_gradients_match_finite_differences()
    {
        using var m = new MultiheadAttention(8, 2);
        GradCheck.Module(m, x => m.Forward(x).Output, [2, 4, 8]);
    }

    [Fact]
    public void BatchNorm1d_gradients_match_finite_differences_in_training_mode()
    {
        using var m = new BatchNorm1d(3);
        GradCheck.Module(m, x => m.Forward(x), [5, 3, 4]);
    }

    [Fact]
    public void LayerNorm_gradients_match_finite_differences()
    {
        using var m = new LayerNorm([6]);
        GradCheck.Module(m, x => m.Forward(x), [3, 6]);
    }

    private static readonly double[] Prediction = [0.3, -1.2, 2.5, 0.05, -0.7, 1.9];
    private static readonly double[] Target = [0.1, -0.4, 0.5, 0.9, -2.0, 1.0];

    public static TheoryData<string> RegressionLosses => new() { "mse", "l1", "huber", "smoothl1" };

    [Theory]
    [MemberData(nameof(RegressionLosses))]
    public void Regression_loss_gradients_match_finite_differences(string kind)
    {
        GradCheck.Loss(x =>
        {
            var t = Torch.FromArray(Target, [2, 3]);
            return kind switch
            {
                "mse" => F.MseLoss(x, t),
                "l1" => F.L1Loss(x, t, Reduction.Sum),
                "huber" => F.HuberLoss(x, t, delta: 0.5),
                _ => F.SmoothL1Loss(x, t, beta: 0.5),
            };
        }, Prediction, [2, 3]);
    }

    [Fact]
    public void Weighted_cross_entropy_gradients_match_finite_differences()
    {
        GradCheck.Loss(x => F.CrossEntropy(x, Torch.FromArray(new long[] { 2, 0 }), Torch.FromArray(new[] { 1.0, 2.0, 0.5 }, 3)), Prediction, [2, 3]);
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_gradients_match_finite_differences()
    {
        GradCheck.Loss(x => F.BinaryCrossEntropyWithLogits(x, Torch.FromArray(new[] { 1.0, 0, 1, 0, 0, 1 }, 2, 3)), Prediction, [2, 3]);
    }

    [Fact]
    public void Losses_agree_with_hand_computed_values()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.FromArray(Prediction, 6);
        var t = Torch.FromArray(Target, 6);
        var mse = Prediction.Zip(Target, (a, b) => (a - b) * (a - b)).Average();
        var l1 = Prediction.Zip(Target, (a, b) => Math.Abs(a - b)).Average();
        var huber = Prediction.Zip(Target, (a, b) => Math.Abs(a - b) < 1 ? 0.5 * (a - b) * (a - b) : Math.Abs(a - b) - 0.5).Average();
        F.MseLoss(x, t).Item<double>().Should().BeApproximately(mse, 1e-12);
        F.L1Loss(x, t).Item<double>().Should().BeApproximately(l1, 1e-12);
        F.HuberLoss(x, t).Item<double>().Should().BeApproximately(huber, 1e-12);
    }
}
