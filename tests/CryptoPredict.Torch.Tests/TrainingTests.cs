using CryptoPredict.Torch.Nn;
using CryptoPredict.Torch.Optim;
using CryptoPredict.Torch.Serialization;
using F = CryptoPredict.Torch.Nn.Functional;

namespace CryptoPredict.Torch.Tests;

public class TrainingTests
{
    private const int Window = 20;

    /// <summary>Windows of a noisy sine wave; the target is the next clean value.</summary>
    private static (float[] X, float[] Y, int Count) SineWindows(int count, int seed, double noise)
    {
        var rng = new Random(seed);
        var x = new float[count * Window];
        var y = new float[count];
        for (var s = 0; s < count; s++)
        {
            var phase = rng.NextDouble() * 2 * Math.PI;
            for (var t = 0; t < Window; t++)
            {
                x[s * Window + t] = (float)(Math.Sin(phase + 0.3 * t) + noise * NextGaussian(rng));
            }

            y[s] = (float)Math.Sin(phase + 0.3 * Window);
        }

        return (x, y, count);
    }

    private static double NextGaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [Fact]
    public void Small_LSTM_learns_a_noisy_sine_wave()
    {
        Torch.ManualSeed(42);
        var (x, y, n) = SineWindows(512, seed: 1, noise: 0.02);
        var (tx, ty, tn) = SineWindows(256, seed: 2, noise: 0.02);
        using var model = new TinyRegressor(hidden: 24);
        using var optimizer = new Adam(model.NamedParameters(), lr: 1e-2);
        using var inputs = Torch.FromArray(x, n, Window, 1);
        using var targets = Torch.FromArray(y, n, 1);
        for (var step = 0; step < 300; step++)
        {
            using var scope = Torch.NewDisposeScope();
            using var index = Torch.FromArray(Enumerable.Range(0, 64).Select(i => (long)((step * 64 + i) % n)).ToArray());
            optimizer.ZeroGrad();
            var loss = F.MseLoss(model.Forward(inputs.IndexSelect(0, index)), targets.IndexSelect(0, index));
            loss.Backward();
            optimizer.Step();
        }

        model.Eval();
        using var evalScope = Torch.NewDisposeScope();
        using var _ = Torch.NoGrad();
        var mse = F.MseLoss(model.Forward(Torch.FromArray(tx, tn, Window, 1)), Torch.FromArray(ty, tn, 1)).Item<float>();
        mse.Should().BeLessThan(1e-3f, "an LSTM should predict the next value of a sine wave after 300 Adam steps");
    }

    private static void TrainSteps(Module<Tensor, Tensor> model, Optimizer optimizer, int steps, int seed)
    {
        var (x, y, n) = SineWindows(32, seed, noise: 0.05);
        using var scope = Torch.NewDisposeScope();
        var inputs = Torch.FromArray(x, n, Window, 1);
        var targets = Torch.FromArray(y, n, 1);
        for (var i = 0; i < steps; i++)
        {
            using var stepScope = Torch.NewDisposeScope();
            optimizer.ZeroGrad();
            F.MseLoss(model.Forward(inputs), targets).Backward();
            F.ClipGradNorm(model.Parameters(), 1.0);
            optimizer.Step();
        }
    }

    private static float[][] Weights(Module model) => model.Parameters().Select(p => p.ToArray<float>()).ToArray();

    [Fact]
    public void Same_seed_gives_identical_weights()
    {
        float[][] Run()
        {
            Torch.ManualSeed(99);
            using var model = new TinyRegressor(hidden: 8, layers: 2);
            using var optimizer = new Adam(model.NamedParameters());
            TrainSteps(model, optimizer, 5, seed: 3);
            return Weights(model);
        }

        var first = Run();
        var second = Run();
        first.Should().HaveCount(second.Length);
        for (var i = 0; i < first.Length; i++)
        {
            first[i].Should().Equal(second[i], "two trainings from the same seed must produce bit-identical weights");
        }
    }

    [Fact]
    public void Saved_and_loaded_module_gives_identical_outputs()
    {
        Torch.ManualSeed(5);
        using var scope = Torch.NewDisposeScope();
        using var original = new TinyRegressor(hidden: 8);
        var bytes = original.ToBytes();
        Torch.ManualSeed(6);
        using var restored = new TinyRegressor(hidden: 8);
        var input = Torch.Randn([4, Window, 1]);
        original.Forward(input).ToArray<float>().Should().NotEqual(restored.Forward(input).ToArray<float>());

        restored.LoadBytes(bytes);
        restored.Forward(input).ToArray<float>().Should().Equal(original.Forward(input).ToArray<float>());
    }

    [Fact]
    public void Module_file_round_trip_is_atomic_and_exact()
    {
        var dir = Directory.CreateTempSubdirectory("cptorch");
        try
        {
            Torch.ManualSeed(5);
            using var model = new TinyRegressor(hidden: 8);
            var path = Path.Combine(dir.FullName, "model.cpt");
            model.Save(path);
            Directory.GetFiles(dir.FullName).Should().ContainSingle("no temporary file is left behind");
            using var copy = new TinyRegressor(hidden: 8);
            copy.Load(path);
            Weights(copy).Zip(Weights(model)).Should().AllSatisfy(pair => pair.First.Should().Equal(pair.Second));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Adam")]
    [InlineData("AdamW")]
    [InlineData("SGD")]
    public void Optimizer_state_round_trip_continues_bit_for_bit(string kind)
    {
        Optimizer Make(Module m) => kind switch
        {
            "Adam" => new Adam(m.NamedParameters(), lr: 1e-2, amsGrad: true),
            "AdamW" => new AdamW(m.NamedParameters(), lr: 1e-2),
            _ => new Sgd(m.NamedParameters(), lr: 1e-2, momentum: 0.9, nesterov: true),
        };

        Torch.ManualSeed(11);
        using var model = new TinyRegressor(hidden: 8);
        using var optimizer = Make(model);
        TrainSteps(model, optimizer, 3, seed: 4);
        optimizer.LearningRate = 5e-3;
        var modelBytes = model.ToBytes();
        var optimizerBytes = optimizer.StateToBytes();

        TrainSteps(model, optimizer, 2, seed: 5);
        var straight = Weights(model);

        using var resumedModel = new TinyRegressor(hidden: 8);
        resumedModel.LoadBytes(modelBytes);
        using var resumedOptimizer = Make(resumedModel);
        resumedOptimizer.LoadStateBytes(optimizerBytes);
        resumedOptimizer.LearningRate.Should().Be(5e-3, "the learning rate is part of the state");
        TrainSteps(resumedModel, resumedOptimizer, 2, seed: 5);

        var resumed = Weights(resumedModel);
        for (var i = 0; i < straight.Length; i++)
        {
            resumed[i].Should().Equal(straight[i], "steps after restoring state must equal steps without saving, bit for bit");
        }
    }

    [Fact]
    public void Loading_weights_of_another_architecture_names_the_first_mismatch_and_changes_nothing()
    {
        using var small = new TinyRegressor(hidden: 8);
        using var large = new TinyRegressor(hidden: 16);
        var before = Weights(large);
        var act = () => large.LoadBytes(small.ToBytes());
        act.Should().Throw<TorchException>().WithMessage("*lstm.weight_ih_l0*shape [32, 1] in the file but [64, 1] in the model*");
        Weights(large).Zip(before).Should().AllSatisfy(pair => pair.First.Should().Equal(pair.Second));

        using var deeper = new TinyRegressor(hidden: 8, layers: 2);
        var missing = () => deeper.LoadBytes(small.ToBytes());
        missing.Should().Throw<TorchException>().WithMessage("*'lstm.weight_ih_l1' is missing*");
    }

    [Fact]
    public void Corrupted_or_truncated_state_is_reported_not_loaded()
    {
        using var model = new TinyRegressor(hidden: 8);
        var bytes = model.ToBytes();
        var corrupted = (byte[])bytes.Clone();
        corrupted[bytes.Length / 2] ^= 0xFF;
        ((Action)(() => model.LoadBytes(corrupted))).Should().Throw<TorchException>().WithMessage("*corrupted or truncated*");
        ((Action)(() => model.LoadBytes(bytes.AsSpan(0, bytes.Length - 100)))).Should().Throw<TorchException>().WithMessage("*corrupted or truncated*");
        ((Action)(() => model.LoadBytes("not a model"u8))).Should().Throw<TorchException>().WithMessage("*not a CryptoPredict state file*");
    }
}
