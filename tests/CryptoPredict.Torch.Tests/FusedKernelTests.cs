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

    private sealed record LstmRun(double[] Output, double[] Hidden, double[] Cell, double[] InputGrad, double[]? H0Grad, Dictionary<string, double[]> ParamGrads);

    private static LstmRun RunLstm(bool fused, ScalarType type, int layers, bool bidirectional, bool batchFirst, bool initialState)
    {
        var previous = LSTM.UseFusedCpuKernel;
        LSTM.UseFusedCpuKernel = fused;
        try
        {
            Torch.ManualSeed(17);
            using var lstm = new LSTM(3, 5, numLayers: layers, batchFirst: batchFirst, bidirectional: bidirectional);
            lstm.To(type);
            using var scope = Torch.NewDisposeScope();
            long[] shape = batchFirst ? [4, 6, 3] : [6, 4, 3];
            var x = Torch.Randn(shape, type);
            x.RequiresGrad = true;
            long[] stateShape = [layers * (bidirectional ? 2 : 1), 4, 5];
            Tensor? h0 = null, c0 = null;
            if (initialState)
            {
                h0 = Torch.Randn(stateShape, type);
                h0.RequiresGrad = true;
                c0 = Torch.Randn(stateShape, type);
            }

            var result = lstm.Forward(x, h0, c0);
            // Every output feeds the objective, with weights, so that each one's gradient path is checked.
            var objective = (result.Output * Torch.Randn(result.Output.Shape, type)).Sum()
                + (result.HiddenState * Torch.Randn(result.HiddenState.Shape, type)).Sum()
                + (result.CellState! * Torch.Randn(result.CellState!.Shape, type)).Sum();
            objective.Backward();
            var grads = lstm.NamedParameters().ToDictionary(p => p.Key, p => p.Value.Grad!.ToArray<double>());
            return new LstmRun(result.Output.ToArray<double>(), result.HiddenState.ToArray<double>(), result.CellState!.ToArray<double>(),
                x.Grad!.ToArray<double>(), h0?.Grad?.ToArray<double>(), grads);
        }
        finally
        {
            LSTM.UseFusedCpuKernel = previous;
        }
    }

    private static void ShouldBeClose(double[] actual, double[] expected, double tolerance, string what)
    {
        actual.Should().HaveCount(expected.Length, what);
        for (var i = 0; i < actual.Length; i++)
        {
            Math.Abs(actual[i] - expected[i]).Should().BeLessThanOrEqualTo(tolerance * (1 + Math.Abs(expected[i])), $"{what}[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(LstmShapes))]
    public void Fused_LSTM_matches_libtorch_outputs_states_and_gradients(int layers, bool bidirectional, bool batchFirst, bool initialState)
    {
        foreach (var (type, tolerance) in new[] { (ScalarType.Float64, 1e-12), (ScalarType.Float32, 2e-5) })
        {
            var reference = RunLstm(false, type, layers, bidirectional, batchFirst, initialState);
            var fused = RunLstm(true, type, layers, bidirectional, batchFirst, initialState);
            ShouldBeClose(fused.Output, reference.Output, tolerance, $"{type} output");
            ShouldBeClose(fused.Hidden, reference.Hidden, tolerance, $"{type} h_n");
            ShouldBeClose(fused.Cell, reference.Cell, tolerance, $"{type} c_n");
            ShouldBeClose(fused.InputGrad, reference.InputGrad, tolerance, $"{type} input gradient");
            if (initialState)
            {
                ShouldBeClose(fused.H0Grad!, reference.H0Grad!, tolerance, $"{type} h0 gradient");
            }

            fused.ParamGrads.Keys.Should().Equal(reference.ParamGrads.Keys);
            foreach (var (name, grad) in reference.ParamGrads)
            {
                ShouldBeClose(fused.ParamGrads[name], grad, tolerance, $"{type} {name} gradient");
            }
        }
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
