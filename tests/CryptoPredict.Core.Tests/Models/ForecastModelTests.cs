using CryptoPredict.Core.Models;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Optim;

namespace CryptoPredict.Core.Tests.Models;

[Collection(SerialTorchTests.Name)]
public class ForecastModelTests
{
    private const int Batch = 5;
    private const int Window = 8;

    [Theory]
    [MemberData(nameof(ModelCase.Names), MemberType = typeof(ModelCase))]
    public void Output_has_one_row_per_sample_and_the_model_s_outputs(string name)
    {
        var model = ModelCase.Named(name);
        Torch.Torch.ManualSeed(1);
        using var net = model.Build();
        using var scope = Torch.Torch.NewDisposeScope();
        net.Forward(Torch.Torch.Randn([Batch, Window, model.Features])).Shape.Should().Equal(Batch, net.Outputs);
        net.Forward(Torch.Torch.Randn([1, model.Window, model.Features])).Shape.Should().Equal(1, net.Outputs);
        net.Outputs.Should().Be(name switch { "bilstm_ohlc" => 4, "cnn_lstm_regime" => 3, _ => 1 });
        net.InputFeatures.Should().Be(model.Features);
    }

    [Theory]
    [MemberData(nameof(ModelCase.Names), MemberType = typeof(ModelCase))]
    public void Parameter_count_equals_PyTorch_s(string name)
    {
        var model = ModelCase.Named(name);
        using var net = model.Build();
        net.ParameterCount().Should().Be(model.PyTorchParameters, "the architecture must match bench/pytorch/reference.py layer for layer");
    }

    [Fact]
    public void Parameter_names_are_the_reference_s_with_named_OHLC_heads()
    {
        using var net = new BiLstmOhlcModel(13);
        var names = net.NamedParameters().Select(p => p.Key).ToList();
        names.Should().StartWith(["l1.weight_ih_l0", "l1.weight_hh_l0", "l1.bias_ih_l0", "l1.bias_hh_l0", "l1.weight_ih_l0_reverse"]);
        names.Should().EndWith(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "open.weight", "open.bias", "high.weight", "high.bias",
            "low.weight", "low.bias", "close.weight", "close.bias"]);
        using var regime = new CnnLstmRegimeModel(20);
        regime.NamedParameters().Select(p => p.Key).Should().Equal("conv.weight", "conv.bias", "bn.weight", "bn.bias",
            "l1.weight_ih_l0", "l1.weight_hh_l0", "l1.bias_ih_l0", "l1.bias_hh_l0",
            "l2.weight_ih_l0", "l2.weight_hh_l0", "l2.bias_ih_l0", "l2.bias_hh_l0", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
    }

    [Theory]
    [MemberData(nameof(ModelCase.Names), MemberType = typeof(ModelCase))]
    public void Wrong_input_shape_is_refused_with_the_shape_named(string name)
    {
        var model = ModelCase.Named(name);
        using var net = model.Build();
        using var scope = Torch.Torch.NewDisposeScope();
        var wrongFeatures = Torch.Torch.Randn([2, Window, model.Features + 1]);
        var act = () => net.Forward(wrongFeatures);
        act.Should().Throw<ArgumentException>().WithMessage($"*[batch, window >= *, {model.Features}]*got [2, {Window}, {model.Features + 1}]*");
        var flat = Torch.Torch.Randn([2, model.Features]);
        ((Action)(() => net.Forward(flat))).Should().Throw<ArgumentException>().WithMessage($"*got [2, {model.Features}]*");
    }

    [Fact]
    public void Regime_model_refuses_windows_shorter_than_its_convolution()
    {
        using var net = new CnnLstmRegimeModel(4);
        using var scope = Torch.Torch.NewDisposeScope();
        var act = () => net.Forward(Torch.Torch.Randn([2, 2, 4]));
        act.Should().Throw<ArgumentException>().WithMessage("*window >= 3*got [2, 2, 4]*");
        net.Forward(Torch.Torch.Randn([2, 3, 4])).Shape.Should().Equal(2, 3);
    }

    [Theory]
    [MemberData(nameof(ModelCase.Names), MemberType = typeof(ModelCase))]
    public void One_backward_pass_reaches_every_parameter_with_finite_gradients(string name)
    {
        var model = ModelCase.Named(name);
        Torch.Torch.ManualSeed(2);
        using var net = model.Build();
        using var scope = Torch.Torch.NewDisposeScope();
        var output = net.Forward(Torch.Torch.Randn([Batch, Window, model.Features]));
        model.Loss(output, model.RandomTargets(net, Batch)).Backward();
        foreach (var (parameter, value) in net.NamedParameters())
        {
            var grad = value.Grad;
            grad.Should().NotBeNull($"{parameter} must receive a gradient");
            grad!.IsFinite().All().Item<bool>().Should().BeTrue($"{parameter}'s gradient must be finite");
        }
    }

    [Theory]
    [MemberData(nameof(ModelCase.Names), MemberType = typeof(ModelCase))]
    public void Eval_mode_is_deterministic_and_train_mode_applies_dropout(string name)
    {
        var model = ModelCase.Named(name);
        Torch.Torch.ManualSeed(3);
        using var net = model.Build();
        using var scope = Torch.Torch.NewDisposeScope();
        var x = Torch.Torch.Randn([16, Window, model.Features]);
        net.Train();
        net.Forward(x).ToArray<float>().Should().NotEqual(net.Forward(x).ToArray<float>(), "dropout draws a new mask on every training pass");
        net.Eval();
        using (Torch.Torch.NoGrad())
        {
            net.Forward(x).ToArray<float>().Should().Equal(net.Forward(x).ToArray<float>());
        }
    }

    [Fact]
    public void OHLC_outputs_are_ordered_for_any_inputs_and_weights()
    {
        for (var seed = 0; seed < 4; seed++)
        {
            Torch.Torch.ManualSeed(seed);
            using var net = new BiLstmOhlcModel(3);
            using var scope = Torch.Torch.NewDisposeScope();
            using (Torch.Torch.NoGrad())
            {
                // Weights far from their initialisation, so the heads disagree in sign and size.
                foreach (var p in net.Parameters())
                {
                    p.CopyFrom(Torch.Torch.Randn(p.Shape) * (seed + 1));
                }
            }

            var input = Torch.Torch.Randn([64, 6, 3]) * 3;
            var rows = net.Forward(input).ToArray<float>();
            for (var i = 0; i < rows.Length; i += 4)
            {
                var (open, high, low, close) = (rows[i], rows[i + 1], rows[i + 2], rows[i + 3]);
                low.Should().BeLessThanOrEqualTo(Math.Min(open, close), $"seed {seed}, row {i / 4}");
                high.Should().BeGreaterThanOrEqualTo(Math.Max(open, close), $"seed {seed}, row {i / 4}");
                var prices = BiLstmOhlcModel.ToPrices(rows.AsSpan(i, 4), lastClose: 100, scale: 0.01, shift: 0.001);
                prices.Low.Should().BeLessThanOrEqualTo(Math.Min(prices.Open, prices.Close));
                prices.High.Should().BeGreaterThanOrEqualTo(Math.Max(prices.Open, prices.Close));
            }
        }
    }

    [Fact]
    public void The_OHLC_open_head_starts_as_the_last_close()
    {
        Torch.Torch.ManualSeed(5);
        using var net = new BiLstmOhlcModel(3);
        using var scope = Torch.Torch.NewDisposeScope();
        net.Eval();

        var rows = net.Forward(Torch.Torch.Randn([16, 6, 3]) * 3).ToArray<float>();

        // A zero log return decodes to the last close exactly: the strongest simple forecast of the next open.
        Enumerable.Range(0, 16).Select(i => rows[i * 4]).Should().OnlyContain(open => open == 0f);
        Enumerable.Range(0, 16).Select(i => rows[(i * 4) + 3]).Should().Contain(close => close != 0f, "the other heads start random");
        net.NetworkName.Should().Be("BiLstmOhlcModel (open head: residual on the last close, zero-initialised, gain 0)");
    }

    [Fact]
    public void The_OHLC_open_stays_the_last_close_through_training_and_old_bundles_keep_their_learned_open()
    {
        Torch.Torch.ManualSeed(6);
        using var net = new BiLstmOhlcModel(3);
        using var optimizer = new Adam(net.NamedParameters(), lr: 1e-2);
        using var scope = Torch.Torch.NewDisposeScope();
        var x = Torch.Torch.Randn([16, 6, 3]);
        var y = Torch.Torch.Randn([16, 4]);
        net.Train();
        for (var step = 0; step < 5; step++)
        {
            optimizer.ZeroGrad();
            var loss = (net.Forward(x) - y).Pow(2).Mean();
            loss.Backward();
            optimizer.Step();
        }

        net.Eval();
        var rows = net.Forward(x).ToArray<float>();
        Enumerable.Range(0, 16).Select(i => rows[i * 4]).Should().OnlyContain(open => open == 0f, "gain 0 keeps the open at the last close");

        // model.json's network names the gain; bundles made before it (no gain recorded) were trained at gain 1.
        BiLstmOhlcModel.OpenGainOf(net.NetworkName).Should().Be(0);
        BiLstmOhlcModel.OpenGainOf("BiLstmOhlcModel").Should().Be(1);
        BiLstmOhlcModel.OpenGainOf("BiLstmOhlcModel (open head: residual on the last close, zero-initialised)").Should().Be(1);
        BiLstmOhlcModel.OpenGainOf("BiLstmOhlcModel (open head: residual on the last close, zero-initialised, gain 0.25)").Should().Be(0.25);
        ((Action)(() => BiLstmOhlcModel.OpenGainOf("BiLstmOhlcModel (open head: residual on the last close, zero-initialised, gain 7)")))
            .Should().Throw<FormatException>().WithMessage("*gain '7'*[0, 1]*");
        using var old = ModelCatalog.Get("bilstm-ohlc").Create(3, "BiLstmOhlcModel");
        ((BiLstmOhlcModel)old).OpenGain.Should().Be(1);
    }

    [Fact]
    public void OHLC_prices_are_the_last_close_moved_by_the_scaled_log_returns()
    {
        var prices = BiLstmOhlcModel.ToPrices([0f, 1f, -1f, 0.5f], lastClose: 200, scale: 0.02);
        prices.Open.Should().Be(200);
        prices.High.Should().BeApproximately(200 * Math.Exp(0.02), 1e-9);
        prices.Low.Should().BeApproximately(200 * Math.Exp(-0.02), 1e-9);
        prices.Close.Should().BeApproximately(200 * Math.Exp(0.01), 1e-9);
        ((Action)(() => BiLstmOhlcModel.ToPrices([0f, 1f, -1f], 200, 0.02))).Should().Throw<ArgumentException>().WithMessage("*4 values*got 3*");
        ((Action)(() => BiLstmOhlcModel.ToPrices([0f, 1f, -1f, 0f], 200, 0))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [MemberData(nameof(ModelCase.Names), MemberType = typeof(ModelCase))]
    public void A_few_Adam_steps_reduce_the_loss_on_a_small_problem(string name)
    {
        var model = ModelCase.Named(name);
        Torch.Torch.ManualSeed(4);
        using var net = model.Build();
        using var optimizer = new Adam(net.NamedParameters(), lr: 1e-2);
        using var scope = Torch.Torch.NewDisposeScope();
        var x = Torch.Torch.Randn([16, Window, model.Features]);
        var y = model.RandomTargets(net, 16);
        float Loss()
        {
            net.Eval();
            using var noGrad = Torch.Torch.NoGrad();
            using var s = Torch.Torch.NewDisposeScope();
            var value = model.Loss(net.Forward(x), y).Item<float>();
            net.Train();
            return value;
        }

        // BatchNorm's running statistics must see the data before an eval-mode loss means anything.
        using (Torch.Torch.NoGrad())
        {
            for (var i = 0; i < 10; i++)
            {
                using var s = Torch.Torch.NewDisposeScope();
                net.Forward(x);
            }
        }

        var before = Loss();
        for (var step = 0; step < 25; step++)
        {
            using var s = Torch.Torch.NewDisposeScope();
            optimizer.ZeroGrad();
            model.Loss(net.Forward(x), y).Backward();
            optimizer.Step();
        }

        Loss().Should().BeLessThan(0.8f * before, "25 Adam steps on 16 fixed samples must fit them better");
    }

    [Theory]
    [MemberData(nameof(ModelCase.Names), MemberType = typeof(ModelCase))]
    public void A_training_step_inside_a_dispose_scope_leaves_no_native_tensor_behind(string name)
    {
        var model = ModelCase.Named(name);
        Torch.Torch.ManualSeed(5);
        using var net = model.Build();
        using var optimizer = new Adam(net.NamedParameters());
        using var x = Torch.Torch.Randn([4, Window, model.Features]);
        using var y = model.RandomTargets(net, 4).DetachFromDisposeScope();
        void Step()
        {
            using var scope = Torch.Torch.NewDisposeScope();
            optimizer.ZeroGrad();
            model.Loss(net.Forward(x), y).Backward();
            optimizer.Step();
        }

        Step(); // the optimizer's state appears on the first step
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var live = Torch.Torch.LiveTensorCount;
        Step();
        Step();
        Torch.Torch.LiveTensorCount.Should().Be(live);
    }

    [CudaFact]
    public void Every_model_trains_on_the_gpu()
    {
        foreach (var model in ModelCase.All)
        {
            Torch.Torch.ManualSeed(6);
            using var net = model.Build();
            net.To(Device.Cuda());
            using var optimizer = new Adam(net.NamedParameters());
            using var scope = Torch.Torch.NewDisposeScope();
            var x = Torch.Torch.Randn([8, Window, model.Features], device: Device.Cuda());
            var y = model.RandomTargets(net, 8).To(Device.Cuda());
            optimizer.ZeroGrad();
            var output = net.Forward(x);
            output.Device.IsCuda.Should().BeTrue(model.Name);
            model.Loss(output, y).Backward();
            optimizer.Step();
            net.Parameters().Should().OnlyContain(p => p.Device.IsCuda, model.Name);
        }
    }
}
