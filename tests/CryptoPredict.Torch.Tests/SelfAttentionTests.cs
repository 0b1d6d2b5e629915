using F = CryptoPredict.Torch.Nn.Functional;

namespace CryptoPredict.Torch.Tests;

/// <summary>
/// The bridge's CPU self-attention node (<c>softmax(scale · x xᵀ) x</c>, batch split across threads, hand-written
/// backward) against the same computation composed from libtorch's bmm and softmax under autograd.
/// </summary>
public class SelfAttentionTests
{
    private sealed record Run(double[] Output, double[] InputGrad);

    /// <summary>How the input is laid out: batch-first, a [B, D, T] tensor transposed, a time-major [T, B, D] one transposed.</summary>
    public enum Layout
    {
        BatchFirst,
        FeaturesFirst,
        TimeMajor,
    }

    private static Run Attend(bool fused, long[] shape, ScalarType type, double scale, Layout layout, int seed = 5)
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(seed);
        var leaf = layout switch
        {
            Layout.FeaturesFirst => Torch.Randn([shape[0], shape[2], shape[1]], type),
            Layout.TimeMajor => Torch.Randn([shape[1], shape[0], shape[2]], type),
            _ => Torch.Randn(shape, type),
        };
        leaf.RequiresGrad = true;
        var x = layout switch
        {
            Layout.FeaturesFirst => leaf.Transpose(1, 2),
            Layout.TimeMajor => leaf.Transpose(0, 1),
            _ => leaf,
        };
        var output = fused ? F.SelfAttention(x, scale) : (x.Bmm(x.Transpose(1, 2)) * scale).Softmax(-1).Bmm(x);
        // Weighted, so that every output element's gradient path counts.
        (output * Torch.Randn(output.Shape, type)).Sum().Backward();
        var grad = layout switch
        {
            Layout.FeaturesFirst => leaf.Grad!.Transpose(1, 2).Contiguous(),
            Layout.TimeMajor => leaf.Grad!.Transpose(0, 1).Contiguous(),
            _ => leaf.Grad!,
        };
        return new Run(output.Contiguous().ToArray<double>(), grad.ToArray<double>());
    }

    public static TheoryData<long, long, long, double, Layout> Shapes => new()
    {
        // batch, steps, features, scale, input layout
        { 1, 1, 3, 1.0, Layout.BatchFirst },
        { 3, 7, 5, 1.0, Layout.BatchFirst },
        { 3, 7, 5, 0.25, Layout.FeaturesFirst },
        { 3, 7, 5, 1.0, Layout.TimeMajor },
        // 64 x 58 x 58 x 16 multiply-adds per bmm: above the threshold where the batch is split across threads.
        { 64, 58, 16, 1.0, Layout.BatchFirst },
        { 64, 58, 16, 0.125, Layout.FeaturesFirst },
        { 64, 58, 16, 1.0, Layout.TimeMajor },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Matches_bmm_and_softmax_in_values_and_input_gradients(long batch, long steps, long features, double scale, Layout layout)
    {
        long[] shape = [batch, steps, features];
        foreach (var (type, tolerance) in new[] { (ScalarType.Float64, 1e-12), (ScalarType.Float32, 2e-5) })
        {
            var reference = Attend(false, shape, type, scale, layout);
            var fused = Attend(true, shape, type, scale, layout);
            Approx.ShouldBeClose(fused.Output, reference.Output, tolerance, $"{type} output");
            Approx.ShouldBeClose(fused.InputGrad, reference.InputGrad, tolerance, $"{type} input gradient");
        }
    }

    [Fact]
    public void Results_do_not_depend_on_how_the_batch_is_split()
    {
        // The whole batch goes through the threaded path; each item alone through the single-threaded one.
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(11);
        var x = Torch.Randn([64, 58, 16]);
        x.RequiresGrad = true;
        var weights = Torch.Randn([64, 58, 16]);
        (F.SelfAttention(x) * weights).Sum().Backward();
        var whole = F.SelfAttention(x).Detach();
        for (var b = 0; b < 64; b += 9)
        {
            var item = x.Detach().Narrow(0, b, 1);
            item.RequiresGrad = true;
            var alone = F.SelfAttention(item);
            (alone * weights.Narrow(0, b, 1)).Sum().Backward();
            alone.Detach().ToArray<float>().Should().Equal(whole.Narrow(0, b, 1).ToArray<float>(), $"output of item {b}");
            item.Grad!.ToArray<float>().Should().Equal(x.Grad!.Narrow(0, b, 1).ToArray<float>(), $"gradient of item {b}");
        }
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(2);
        var x = Torch.Randn([2, 4, 3], ScalarType.Float64);
        var w = Torch.Randn([2, 4, 3], ScalarType.Float64);
        var values = x.ToArray<double>();
        double Objective(double[] v)
        {
            using var inner = Torch.NewDisposeScope();
            using var _ = Torch.NoGrad();
            return (F.SelfAttention(Torch.FromArray(v, [2, 4, 3]), 0.5) * w).Sum().Item<double>();
        }

        x.RequiresGrad = true;
        (F.SelfAttention(x, 0.5) * w).Sum().Backward();
        var analytic = x.Grad!.ToArray<double>();
        for (var i = 0; i < values.Length; i++)
        {
            var plus = (double[])values.Clone();
            var minus = (double[])values.Clone();
            plus[i] += 1e-6;
            minus[i] -= 1e-6;
            var numeric = (Objective(plus) - Objective(minus)) / 2e-6;
            Math.Abs(analytic[i] - numeric).Should().BeLessThan(1e-6 * (1 + Math.Abs(numeric)), $"d/dx[{i}]");
        }
    }

    [Fact]
    public void Without_grad_no_graph_is_recorded()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Randn([64, 58, 16]);
        x.RequiresGrad = true;
        using (Torch.NoGrad())
        {
            F.SelfAttention(x).RequiresGrad.Should().BeFalse();
        }

        F.SelfAttention(x).RequiresGrad.Should().BeTrue();
    }

    [Theory]
    [InlineData(new long[] { 4, 5 })]
    [InlineData(new long[] { 2, 3, 4, 5 })]
    public void Input_that_is_not_three_dimensional_is_refused(long[] shape)
    {
        using var scope = Torch.NewDisposeScope();
        var act = () => F.SelfAttention(Torch.Randn(shape));
        act.Should().Throw<TorchException>().WithMessage("*[batch, steps, features]*");
    }

    [Fact]
    public void A_scale_that_is_not_finite_is_refused()
    {
        using var scope = Torch.NewDisposeScope();
        var act = () => F.SelfAttention(Torch.Randn([2, 3, 4]), double.NaN);
        act.Should().Throw<TorchException>().WithMessage("*scale must be finite*");
    }

    [CudaFact]
    public void On_cuda_it_is_the_same_computation_as_on_cpu()
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(8);
        var cpu = Torch.Randn([16, 12, 8], ScalarType.Float64);
        cpu.RequiresGrad = true;
        var gpu = cpu.Detach().To(Device.Cuda());
        gpu.RequiresGrad = true;
        var weights = Torch.Randn([16, 12, 8], ScalarType.Float64);
        (F.SelfAttention(cpu, 0.5) * weights).Sum().Backward();
        var onGpu = F.SelfAttention(gpu, 0.5);
        onGpu.Device.IsCuda.Should().BeTrue();
        (onGpu * weights.To(Device.Cuda())).Sum().Backward();
        Approx.ShouldBeClose(onGpu.To(Device.Cpu).ToArray<double>(), F.SelfAttention(cpu.Detach(), 0.5).ToArray<double>(), 1e-10, "output");
        Approx.ShouldBeClose(gpu.Grad!.To(Device.Cpu).ToArray<double>(), cpu.Grad!.ToArray<double>(), 1e-10, "input gradient");
    }
}
