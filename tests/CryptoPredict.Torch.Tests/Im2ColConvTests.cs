using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Torch.Tests;

/// <summary>
/// Conv1d's CPU path (im2col and one GEMM, <see cref="Conv1d.UseIm2ColCpuKernel"/>) against libtorch's own
/// convolution: outputs and the gradients of the input, weight and bias.
/// </summary>
public class Im2ColConvTests
{
    private sealed record Run(long[] Shape, double[] Output, double[] InputGrad, double[] WeightGrad, double[]? BiasGrad);

    private static Run Convolve(bool im2col, ScalarType type, long[] inputShape, long outChannels, long kernel, long stride, long padding,
        bool same, bool bias, bool transposedInput)
    {
        var previous = Conv1d.UseIm2ColCpuKernel;
        Conv1d.UseIm2ColCpuKernel = im2col;
        try
        {
            Torch.ManualSeed(23);
            using var conv = new Conv1d(inputShape[1], outChannels, kernel, stride, padding, same, bias: bias);
            conv.To(type);
            using var scope = Torch.NewDisposeScope();
            // A transposed input is a non-contiguous view, as the models pass it ([B, T, F] -> [B, F, T]).
            var leaf = transposedInput
                ? Torch.Randn([inputShape[0], inputShape[2], inputShape[1]], type)
                : Torch.Randn(inputShape, type);
            leaf.RequiresGrad = true;
            var x = transposedInput ? leaf.Transpose(1, 2) : leaf;
            var y = conv.Forward(x);
            (y * Torch.Randn(y.Shape, type)).Sum().Backward();
            var parameters = conv.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
            var grad = transposedInput ? leaf.Grad!.Transpose(1, 2).Contiguous() : leaf.Grad!;
            return new Run(y.Shape, y.ToArray<double>(), grad.ToArray<double>(), parameters["weight"].Grad!.ToArray<double>(),
                bias ? parameters["bias"].Grad!.ToArray<double>() : null);
        }
        finally
        {
            Conv1d.UseIm2ColCpuKernel = previous;
        }
    }

    public static TheoryData<long[], long, long, long, long, bool, bool, bool> Cases => new()
    {
        // input [B, C, L], out channels, kernel, stride, padding, same, bias, transposed input
        { new long[] { 5, 20, 60 }, 64, 3, 1, 0, false, true, true },    // seed 004's layer
        { new long[] { 3, 4, 9 }, 6, 3, 1, 1, false, true, false },
        { new long[] { 3, 4, 9 }, 6, 4, 1, 0, true, true, false },      // 'same' with an even kernel: padding 1 left, 2 right
        { new long[] { 2, 3, 11 }, 5, 3, 2, 1, false, false, true },    // stride 2, no bias
        { new long[] { 1, 2, 3 }, 2, 3, 1, 0, false, true, false },     // one output step
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_libtorch_convolution_in_values_and_gradients(long[] shape, long outChannels, long kernel, long stride, long padding,
        bool same, bool bias, bool transposed)
    {
        Conv1d.UseIm2ColCpuKernel.Should().BeTrue("im2col is the default on CPU");
        foreach (var (type, tolerance) in new[] { (ScalarType.Float64, 1e-12), (ScalarType.Float32, 2e-5) })
        {
            var reference = Convolve(false, type, shape, outChannels, kernel, stride, padding, same, bias, transposed);
            var fast = Convolve(true, type, shape, outChannels, kernel, stride, padding, same, bias, transposed);
            fast.Shape.Should().Equal(reference.Shape);
            Approx.ShouldBeClose(fast.Output, reference.Output, tolerance, $"{type} output");
            Approx.ShouldBeClose(fast.InputGrad, reference.InputGrad, tolerance, $"{type} input gradient");
            Approx.ShouldBeClose(fast.WeightGrad, reference.WeightGrad, tolerance, $"{type} weight gradient");
            if (bias)
            {
                Approx.ShouldBeClose(fast.BiasGrad!, reference.BiasGrad!, tolerance, $"{type} bias gradient");
            }
        }
    }

    [Fact]
    public void Input_shorter_than_the_kernel_is_refused_with_the_lengths()
    {
        using var conv = new Conv1d(2, 3, 5);
        using var scope = Torch.NewDisposeScope();
        var act = () => conv.Forward(Torch.Randn([1, 2, 4]));
        act.Should().Throw<TorchException>().WithMessage("*input length 4*kernel size 5*");
    }

    [Fact]
    public void Wrong_channel_count_keeps_libtorchs_error()
    {
        using var conv = new Conv1d(2, 3, 3);
        using var scope = Torch.NewDisposeScope();
        var act = () => conv.Forward(Torch.Randn([1, 5, 8]));
        act.Should().Throw<TorchException>().WithMessage("*channels*");
    }
}
