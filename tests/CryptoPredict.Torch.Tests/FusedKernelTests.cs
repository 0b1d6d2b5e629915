using CryptoPredict.Torch.Nn;
using F = CryptoPredict.Torch.Nn.Functional;

namespace CryptoPredict.Torch.Tests;

/// <summary>
/// The bridge's own CPU kernels against libtorch's: the fused LSTM layer (outputs, final states and every gradient)
/// and the dropout mask generator.
/// </summary>
public class FusedKernelTests
{
    public static TheoryData<int, bool, bool, bool> LstmShapes => new()
    {
        // layers, bidirectional, batchFirst, initial state
        { 1, false, true, false },
        { 2, false, true, true },
        { 1, true, true, false },
        { 2, true, false, true },
        { 1, false, false, true },
    };

    /// <summary>What one LSTM run is made of. Hidden sizes below a vector width only run the kernels' scalar remainder.</summary>
    private sealed record LstmCase(int Layers, bool Bidirectional, bool BatchFirst, bool InitialState)
    {
        public long Inputs { get; init; } = 3;

        public long Hidden { get; init; } = 5;

        public long Batch { get; init; } = 4;

        public long Steps { get; init; } = 6;

        public bool InputGrad { get; init; } = true;

        public bool H0Grad { get; init; } = true;

        public bool C0Grad { get; init; } = true;

        /// <summary>Input and initial states as strided views (transposed, narrowed) instead of contiguous tensors.</summary>
        public bool Views { get; init; }
    }

    private sealed record LstmRun(double[] Output, double[] Hidden, double[] Cell, double[]? InputGrad, double[]? H0Grad, double[]? C0Grad,
        Dictionary<string, double[]> ParamGrads);

    private static LstmRun RunLstm(bool fused, ScalarType type, LstmCase c)
    {
        var previous = LSTM.UseFusedCpuKernel;
        LSTM.UseFusedCpuKernel = fused;
        try
        {
            Torch.ManualSeed(17);
            using var lstm = new LSTM(c.Inputs, c.Hidden, numLayers: c.Layers, batchFirst: c.BatchFirst, bidirectional: c.Bidirectional);
            lstm.To(type);
            using var scope = Torch.NewDisposeScope();
            var (outer, inner) = c.BatchFirst ? (c.Batch, c.Steps) : (c.Steps, c.Batch);
            long states = c.Layers * (c.Bidirectional ? 2 : 1);
            // The leaves that receive gradients, and the (possibly strided) views of them the layer is given.
            Tensor xLeaf, x;
            Tensor? h0Leaf = null, c0Leaf = null, h0 = null, c0 = null;
            if (c.Views)
            {
                xLeaf = Torch.Randn([inner, outer, c.Inputs + 2], type);
                x = xLeaf.Transpose(0, 1).Narrow(2, 1, c.Inputs);
            }
            else
            {
                xLeaf = x = Torch.Randn([outer, inner, c.Inputs], type);
            }

            xLeaf.RequiresGrad = c.InputGrad;
            if (c.InitialState)
            {
                if (c.Views)
                {
                    h0Leaf = Torch.Randn([c.Batch, states, c.Hidden], type);
                    h0 = h0Leaf.Transpose(0, 1);
                    c0Leaf = Torch.Randn([states, c.Batch, c.Hidden + 3], type);
                    c0 = c0Leaf.Narrow(2, 2, c.Hidden);
                }
                else
                {
                    h0Leaf = h0 = Torch.Randn([states, c.Batch, c.Hidden], type);
                    c0Leaf = c0 = Torch.Randn([states, c.Batch, c.Hidden], type);
                }

                h0Leaf.RequiresGrad = c.H0Grad;
                c0Leaf!.RequiresGrad = c.C0Grad;
            }

            var result = lstm.Forward(x, h0, c0);
            // Every output feeds the objective, with weights, so that each one's gradient path is checked.
            var objective = (result.Output * Torch.Randn(result.Output.Shape, type)).Sum()
                + (result.HiddenState * Torch.Randn(result.HiddenState.Shape, type)).Sum()
                + (result.CellState! * Torch.Randn(result.CellState!.Shape, type)).Sum();
            objective.Backward();
            var grads = lstm.NamedParameters().ToDictionary(p => p.Key, p => p.Value.Grad!.ToArray<double>());
            return new LstmRun(result.Output.ToArray<double>(), result.HiddenState.ToArray<double>(), result.CellState!.ToArray<double>(),
                xLeaf.Grad?.ToArray<double>(), h0Leaf?.Grad?.ToArray<double>(), c0Leaf?.Grad?.ToArray<double>(), grads);
        }
        finally
        {
            LSTM.UseFusedCpuKernel = previous;
        }
    }

    private static void ShouldBeCloseOrBothAbsent(double[]? actual, double[]? expected, double tolerance, string what)
    {
        if (expected is null)
        {
            actual.Should().BeNull($"libtorch gives no {what}");
        }
        else
        {
            actual.Should().NotBeNull(what);
            Approx.ShouldBeClose(actual!, expected, tolerance, what);
        }
    }

    private static void FusedShouldMatchLibtorch(LstmCase c)
    {
        foreach (var (type, tolerance) in new[] { (ScalarType.Float64, 1e-12), (ScalarType.Float32, 2e-5) })
        {
            var reference = RunLstm(false, type, c);
            var fused = RunLstm(true, type, c);
            Approx.ShouldBeClose(fused.Output, reference.Output, tolerance, $"{type} output");
            Approx.ShouldBeClose(fused.Hidden, reference.Hidden, tolerance, $"{type} h_n");
            Approx.ShouldBeClose(fused.Cell, reference.Cell, tolerance, $"{type} c_n");
            ShouldBeCloseOrBothAbsent(fused.InputGrad, reference.InputGrad, tolerance, $"{type} input gradient");
            ShouldBeCloseOrBothAbsent(fused.H0Grad, reference.H0Grad, tolerance, $"{type} h0 gradient");
            ShouldBeCloseOrBothAbsent(fused.C0Grad, reference.C0Grad, tolerance, $"{type} c0 gradient");
            fused.ParamGrads.Keys.Should().Equal(reference.ParamGrads.Keys);
            foreach (var (name, grad) in reference.ParamGrads)
            {
                Approx.ShouldBeClose(fused.ParamGrads[name], grad, tolerance, $"{type} {name} gradient");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LstmShapes))]
    public void Fused_LSTM_matches_libtorch_outputs_states_and_gradients(int layers, bool bidirectional, bool batchFirst, bool initialState)
    {
        var c = new LstmCase(layers, bidirectional, batchFirst, initialState);
        var reference = RunLstm(false, ScalarType.Float64, c);
        if (initialState)
        {
            reference.H0Grad.Should().NotBeNull("the test must check h0's gradient");
            reference.C0Grad.Should().NotBeNull("the test must check c0's gradient");
        }

        FusedShouldMatchLibtorch(c);
    }

    [Theory]
    [InlineData(37, 1)]
    [InlineData(37, 7)]
    [InlineData(64, 1)]
    [InlineData(64, 7)]
    public void Fused_LSTM_matches_libtorch_at_hidden_sizes_that_fill_vector_registers(long hidden, long steps)
    {
        // 37 = full AVX-512/AVX2 vectors plus a remainder; 64 = full vectors only. T = 1 has no recurrence at all.
        FusedShouldMatchLibtorch(new LstmCase(2, true, true, true) { Inputs = 11, Hidden = hidden, Batch = 3, Steps = steps });
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    public void Fused_LSTM_matches_libtorch_when_input_or_initial_states_need_no_gradient(bool inputGrad, bool h0Grad, bool c0Grad)
    {
        // The first layer of a model sees data (no gradient); its initial states are usually constants too.
        FusedShouldMatchLibtorch(new LstmCase(2, true, true, true) { InputGrad = inputGrad, H0Grad = h0Grad, C0Grad = c0Grad });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Fused_LSTM_matches_libtorch_on_strided_input_and_initial_states(bool batchFirst)
    {
        FusedShouldMatchLibtorch(new LstmCase(2, true, batchFirst, true) { Views = true });
    }

    [Fact]
    public void Fused_LSTM_final_states_have_gradients_that_match_finite_differences()
    {
        LSTM.UseFusedCpuKernel.Should().BeTrue("the fused kernel is the default on CPU");
        Torch.ManualSeed(3);
        using var m = new LSTM(3, 4, numLayers: 2, bidirectional: true);
        GradCheck.Module(m, x =>
        {
            var r = m.Forward(x);
            return Torch.Cat([r.HiddenState.Flatten(), r.CellState!.Flatten(), r.Output.Flatten()]);
        }, [2, 5, 3]);
    }

    [Fact]
    public void Fused_LSTM_without_bias_has_gradients_that_match_finite_differences()
    {
        // libtorch 1.13's own C++ LSTM fails without biases ("tensor does not have a device"); the fused layer does not.
        Torch.ManualSeed(5);
        using var m = new LSTM(3, 4, numLayers: 2, bias: false, bidirectional: true);
        m.NamedParameters().Select(p => p.Key).Should().NotContain(k => k.StartsWith("bias", StringComparison.Ordinal));
        GradCheck.Module(m, x => m.Forward(x).Output, [2, 4, 3]);
    }

    [Fact]
    public void Fused_LSTM_refuses_what_libtorch_s_refuses()
    {
        using var lstm = new LSTM(3, 4);
        using var scope = Torch.NewDisposeScope();
        ((Action)(() => lstm.Forward(Torch.Ones([6, 3])))).Should().Throw<TorchException>().WithMessage("LSTM.forward([6, 3]):*3 dimensions*");
        ((Action)(() => lstm.Forward(Torch.Ones([2, 5, 2])))).Should().Throw<TorchException>().WithMessage("LSTM.forward([2, 5, 2]):*input_size*");
        ((Action)(() => lstm.Forward(Torch.Ones([2, 5, 3]), Torch.Zeros([1, 3, 4]), Torch.Zeros([1, 2, 4])))).Should().Throw<TorchException>()
            .WithMessage("*h0*[1, 2, 4]*[1, 3, 4]*");
    }

    [Fact]
    public void Fused_LSTM_refuses_initial_states_and_weights_of_another_dtype_with_libtorch_s_message()
    {
        // The kernel reads c0 through a raw pointer: a c0 of another dtype (or device) must be refused before that.
        using var lstm = new LSTM(3, 4, numLayers: 2);
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Ones([2, 5, 3]);
        var state = Torch.Zeros([2, 2, 4]);
        var wide = Torch.Zeros([2, 2, 4], ScalarType.Float64);
        ((Action)(() => lstm.Forward(x, state, wide))).Should().Throw<TorchException>()
            .WithMessage("*Input and c0 tensors are not the same dtype, found input tensor with Float and c0 tensor with Double*");
        ((Action)(() => lstm.Forward(x, wide, state))).Should().Throw<TorchException>()
            .WithMessage("*Input and h0 tensors are not the same dtype*");
        ((Action)(() => lstm.Forward(x.To(ScalarType.Float64), wide, wide))).Should().Throw<TorchException>()
            .WithMessage("*Input and parameter tensors are not the same dtype*weight_ih_l0*Float*");
        lstm.Forward(x, state, state).Output.Shape.Should().Equal(2, 5, 4);
    }

    [CudaFact]
    public void Fused_LSTM_refuses_initial_states_on_another_device()
    {
        using var lstm = new LSTM(3, 4);
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Ones([2, 5, 3]);
        var state = Torch.Zeros([1, 2, 4]);
        var onGpu = state.To(Device.Cuda());
        ((Action)(() => lstm.Forward(x, state, onGpu))).Should().Throw<TorchException>()
            .WithMessage("*Input and c0 tensors are not at the same device, found input tensor at cpu and c0 tensor at cuda:0*");
        ((Action)(() => lstm.Forward(x, onGpu, state))).Should().Throw<TorchException>()
            .WithMessage("*Input and h0 tensors are not at the same device*");
    }

    [Fact]
    public void Fused_LSTM_refuses_an_empty_sequence_in_forward_as_libtorch_s_does()
    {
        // Forward used to succeed and the backward to fail with an index error.
        using var lstm = new LSTM(3, 4);
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Ones([2, 0, 3]);
        x.RequiresGrad = true;
        ((Action)(() => lstm.Forward(x))).Should().Throw<TorchException>().WithMessage("LSTM.forward([2, 0, 3]):*sequence length*");
        var previous = LSTM.UseFusedCpuKernel;
        LSTM.UseFusedCpuKernel = false;
        try
        {
            ((Action)(() => lstm.Forward(x))).Should().Throw<TorchException>("libtorch's own LSTM fails in forward too");
        }
        finally
        {
            LSTM.UseFusedCpuKernel = previous;
        }
    }

    [Fact]
    public void Fused_LSTM_applies_inter_layer_dropout_only_in_training()
    {
        Torch.ManualSeed(4);
        using var lstm = new LSTM(3, 6, numLayers: 2, dropout: 0.5);
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Randn([2, 5, 3]);
        lstm.Forward(x).Output.ToArray<float>().Should().NotEqual(lstm.Forward(x).Output.ToArray<float>());
        lstm.Eval();
        lstm.Forward(x).Output.ToArray<float>().Should().Equal(lstm.Forward(x).Output.ToArray<float>());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Fused_LSTM_inter_layer_dropout_is_exactly_functional_dropout_between_two_one_layer_LSTMs(bool batchFirst, bool bidirectional)
    {
        // The stacked layer draws one number from the generator for its mask, on the time-major [T, N, D * H] output of
        // layer 0 (its internal layout), exactly as F.Dropout does on a time-major one-layer output. Same kernels on
        // the same values in the same order: the results must be identical, not just close.
        LSTM.UseFusedCpuKernel.Should().BeTrue("the fused kernel is the default on CPU");
        var directions = bidirectional ? 2 : 1;
        Torch.ManualSeed(21);
        using var stacked = new LSTM(3, 6, numLayers: 2, batchFirst: batchFirst, dropout: 0.4, bidirectional: bidirectional);
        using var first = new LSTM(3, 6, batchFirst: false, bidirectional: bidirectional);
        using var second = new LSTM(6 * directions, 6, batchFirst: false, bidirectional: bidirectional);
        var stackedParameters = stacked.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        foreach (var (layer, module) in new[] { ("l0", first), ("l1", second) })
        {
            foreach (var (name, parameter) in module.NamedParameters())
            {
                parameter.CopyFrom(stackedParameters[name.Replace("l0", layer, StringComparison.Ordinal)]);
            }
        }

        using var scope = Torch.NewDisposeScope();
        var x = Torch.Randn(batchFirst ? [4, 5, 3] : [5, 4, 3]);
        x.RequiresGrad = true;
        var weights = Torch.Randn(batchFirst ? [4, 5, 6 * directions] : [5, 4, 6 * directions]);

        Torch.ManualSeed(99);
        var expected = stacked.Forward(x);
        (expected.Output * weights).Sum().Backward();
        var expectedInputGrad = x.Grad!.ToArray<float>();
        x.Grad!.ZeroInPlace();

        Torch.ManualSeed(99);
        var timeMajor = batchFirst ? x.Transpose(0, 1) : x;
        var a = first.Forward(timeMajor);
        var b = second.Forward(F.Dropout(a.Output, 0.4, training: true));
        var output = batchFirst ? b.Output.Transpose(0, 1) : b.Output;
        (output * weights).Sum().Backward();

        output.ToArray<float>().Should().Equal(expected.Output.ToArray<float>(), "the output");
        Torch.Cat([a.HiddenState, b.HiddenState]).ToArray<float>().Should().Equal(expected.HiddenState.ToArray<float>(), "h_n");
        Torch.Cat([a.CellState!, b.CellState!]).ToArray<float>().Should().Equal(expected.CellState!.ToArray<float>(), "c_n");
        x.Grad!.ToArray<float>().Should().Equal(expectedInputGrad, "the input gradient");
        foreach (var (layer, module) in new[] { ("l0", first), ("l1", second) })
        {
            foreach (var (name, parameter) in module.NamedParameters())
            {
                var stackedName = name.Replace("l0", layer, StringComparison.Ordinal);
                parameter.Grad!.ToArray<float>().Should().Equal(stackedParameters[stackedName].Grad!.ToArray<float>(), stackedName);
            }
        }

        // And the dropout did drop: without it (eval mode) the output is another one.
        stacked.Eval();
        stacked.Forward(x).Output.ToArray<float>().Should().NotEqual(expected.Output.ToArray<float>());
    }

    [Fact]
    public void Dropout_keeps_one_minus_p_of_the_values_scaled_and_routes_gradients_through_the_mask()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Ones([400, 500], ScalarType.Float64);
        x.RequiresGrad = true;
        Torch.ManualSeed(9);
        var y = F.Dropout(x, 0.3, training: true);
        var values = y.ToArray<double>();
        values.Should().OnlyContain(v => v == 0 || Math.Abs(v - 1 / 0.7) < 1e-12, "kept values are scaled by 1 / (1 - p)");
        var kept = values.Count(v => v != 0) / (double)values.Length;
        kept.Should().BeApproximately(0.7, 0.005, "200,000 draws keep 1 - p of the values to within a few standard deviations");
        y.Sum().Backward();
        x.Grad!.ToArray<double>().Should().Equal(values, "the gradient of sum(dropout(x)) is the scaled mask");

        Torch.ManualSeed(9);
        F.Dropout(x.Detach(), 0.3, training: true).ToArray<double>().Should().Equal(values, "the mask follows the seeded generator");
        F.Dropout(x.Detach(), 0.3, training: true).ToArray<double>().Should().NotEqual(values, "each call draws a new mask");
        F.Dropout(x.Detach(), 1.0, training: true).Sum().Item<double>().Should().Be(0);
        F.Dropout(x.Detach(), 0.0, training: true).ToArray<double>().Should().OnlyContain(v => v == 1);
    }

    [Fact]
    public void Dropout_masks_of_neighbouring_elements_are_uncorrelated()
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(10);
        var mask = F.Dropout(Torch.Ones([1, 100_001]), 0.5, training: true).ToArray<float>();
        var both = 0;
        for (var i = 0; i + 1 < mask.Length; i++)
        {
            both += mask[i] != 0 && mask[i + 1] != 0 ? 1 : 0;
        }

        (both / (double)(mask.Length - 1)).Should().BeApproximately(0.25, 0.01, "P(keep i and keep i+1) = (1 - p)^2 for independent draws");
    }
}
