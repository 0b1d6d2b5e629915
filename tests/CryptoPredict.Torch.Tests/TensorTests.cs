namespace CryptoPredict.Torch.Tests;

public class TensorTests
{
    [Fact]
    public void Creation_shape_and_read_back()
    {
        using var scope = Torch.NewDisposeScope();
        var t = Torch.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        t.Shape.Should().Equal(2, 3);
        t.Dtype.Should().Be(ScalarType.Float32);
        t.Device.Should().Be(Device.Cpu);
        t.ToArray<float>().Should().Equal(1, 2, 3, 4, 5, 6);
        t.Transpose(0, 1).Contiguous().ToArray<float>().Should().Equal(1, 4, 2, 5, 3, 6);
        t.Sum().Item<float>().Should().Be(21);
        t.Sum(1).ToArray<float>().Should().Equal(6, 15);
        t.Mean(0).ToArray<float>().Should().Equal(2.5f, 3.5f, 4.5f);
        t.Max(1).ToArray<float>().Should().Equal(3, 6);
        t.ArgMax(1).ToArray<long>().Should().Equal(2, 2);
        Torch.Arange(0, 5).ToArray<long>().Should().Equal(0, 1, 2, 3, 4);
        Torch.Zeros([2, 2]).Sum().Item<float>().Should().Be(0);
        Torch.Full([3], 2.5).ToArray<float>().Should().Equal(2.5f, 2.5f, 2.5f);
    }

    [Fact]
    public void Arithmetic_matmul_and_shape_operations()
    {
        using var scope = Torch.NewDisposeScope();
        var a = Torch.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2);
        var b = Torch.FromArray(new float[] { 5, 6, 7, 8 }, 2, 2);
        a.MatMul(b).ToArray<float>().Should().Equal(19, 22, 43, 50);
        (a + b).ToArray<float>().Should().Equal(6, 8, 10, 12);
        (a - 1).ToArray<float>().Should().Equal(0, 1, 2, 3);
        (2 * a / 4).ToArray<float>().Should().Equal(0.5f, 1, 1.5f, 2);
        (1 - a).ToArray<float>().Should().Equal(0, -1, -2, -3);
        a.Pow(2).ToArray<float>().Should().Equal(1, 4, 9, 16);
        a.Reshape(4).Unsqueeze(0).Shape.Should().Equal(1, 4);
        a.Unsqueeze(0).Squeeze().Shape.Should().Equal(2, 2);
        a.Flatten().Shape.Should().Equal(4);
        a.Permute(1, 0).Contiguous().ToArray<float>().Should().Equal(1, 3, 2, 4);
        a.Narrow(1, 1, 1).ToArray<float>().Should().Equal(2, 4);
        a.Select(0, 1).ToArray<float>().Should().Equal(3, 4);
        a.Slice(1, 0, 2, 2).ToArray<float>().Should().Equal(1, 3);
        a.IndexSelect(0, Torch.FromArray(new long[] { 1, 0 })).ToArray<float>().Should().Equal(3, 4, 1, 2);
        Torch.Cat([a, b], 0).Shape.Should().Equal(4, 2);
        Torch.Stack([a, b], 0).Shape.Should().Equal(2, 2, 2);
        var parts = Torch.Arange(0, 5, dtype: ScalarType.Float32).Split(2);
        parts.Select(p => p.Shape[0]).Should().Equal(2, 2, 1);
        a.Unsqueeze(0).Bmm(b.Unsqueeze(0)).ToArray<float>().Should().Equal(19, 22, 43, 50);
    }

    [Fact]
    public void Element_wise_functions_masks_and_pooling()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.FromArray(new float[] { -2, -0.5f, 0, 1.5f }, 4);
        x.Relu().ToArray<float>().Should().Equal(0, 0, 0, 1.5f);
        x.Abs().ToArray<float>().Should().Equal(2, 0.5f, 0, 1.5f);
        x.Clamp(-1, 1).ToArray<float>().Should().Equal(-1, -0.5f, 0, 1);
        x.Clamp(min: 0).ToArray<float>().Should().Equal(0, 0, 0, 1.5f);
        x.Sigmoid().ToArray<float>()[2].Should().Be(0.5f);
        x.Tanh().ToArray<float>()[2].Should().Be(0);
        x.Exp().Log().ToArray<float>().Should().BeEquivalentTo(x.ToArray<float>(), o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6f)).WhenTypeIs<float>());
        x.Softmax(0).Sum().Item<float>().Should().BeApproximately(1, 1e-6f);
        x.LogSoftmax(0).Exp().Sum().Item<float>().Should().BeApproximately(1, 1e-6f);
        x.Gt(0).ToArray<bool>().Should().Equal(false, false, false, true);
        x.MaskedFill(x.Lt(0), 9).ToArray<float>().Should().Equal(9, 9, 0, 1.5f);
        Torch.Where(x.Ge(0), x, Torch.Zeros([4])).ToArray<float>().Should().Equal(0, 0, 0, 1.5f);
        x.Softplus().ToArray<float>()[2].Should().BeApproximately((float)Math.Log(2), 1e-6f);
        x.Gelu().ToArray<float>()[2].Should().Be(0);

        var seq = Torch.Arange(0, 8, dtype: ScalarType.Float32).Reshape(1, 2, 4);
        Nn.Functional.AdaptiveAvgPool1d(seq, 1).ToArray<float>().Should().Equal(1.5f, 5.5f);
        Nn.Functional.AdaptiveMaxPool1d(seq, 1).ToArray<float>().Should().Equal(3, 7);
        Nn.Functional.AvgPool1d(seq, 2).ToArray<float>().Should().Equal(0.5f, 2.5f, 4.5f, 6.5f);
        Nn.Functional.MaxPool1d(seq, 2).ToArray<float>().Should().Equal(1, 3, 5, 7);
        Nn.Functional.Dropout(seq, 0.5, training: false).ToArray<float>().Should().Equal(seq.ToArray<float>());
    }

    [Fact]
    public void Autograd_computes_gradients_and_no_grad_suspends_it()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.FromArray(new double[] { 1, 2, 3 }, 3);
        x.RequiresGrad = true;
        (x * x).Sum().Backward();
        using var grad = x.Grad!;
        grad.ToArray<double>().Should().Equal(2, 4, 6);
        using (Torch.NoGrad())
        {
            (x * 2).RequiresGrad.Should().BeFalse();
        }

        (x * 2).RequiresGrad.Should().BeTrue();
        x.Detach().RequiresGrad.Should().BeFalse();
    }

    [Fact]
    public void Dispose_scope_frees_what_it_created_except_what_is_kept()
    {
        var before = Torch.LiveTensorCount;
        Tensor kept;
        using (var scope = Torch.NewDisposeScope())
        {
            var a = Torch.Ones([3]);
            var b = a + 1;
            kept = (b * 2).MoveToOuterDisposeScope();
            Torch.LiveTensorCount.Should().Be(before + 3);
        }

        Torch.LiveTensorCount.Should().Be(before + 1);
        kept.ToArray<float>().Should().Equal(4, 4, 4);
        kept.Dispose();
        kept.Dispose();
        Torch.LiveTensorCount.Should().Be(before);
    }

    [Fact]
    public void Rng_state_round_trip_reproduces_the_stream()
    {
        Torch.ManualSeed(3);
        var state = Torch.GetRngState();
        using var first = Torch.Randn([5]);
        Torch.SetRngState(state);
        using var second = Torch.Randn([5]);
        second.ToArray<float>().Should().Equal(first.ToArray<float>());
    }

    [Fact]
    public void Device_parsing()
    {
        Device.Parse("cpu").Should().Be(Device.Cpu);
        Device.Parse("CUDA").Should().Be(Device.Cuda(0));
        Device.Parse("cuda:1").Should().Be(Device.Cuda(1));
        ((Action)(() => Device.Parse("gpu"))).Should().Throw<FormatException>().WithMessage("*cpu, cuda or cuda:N*");
    }
}
