using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Torch.Tests;

/// <summary>
/// Compares autograd gradients with central finite differences in float64, for the input and every parameter
/// of a module, on a scalar objective sum(f(x) * w) with fixed random weights w.
/// </summary>
internal static class GradCheck
{
    private const double Step = 1e-6;

    public static void Module(Module module, Func<Tensor, Tensor> forward, long[] inputShape, int seed = 7, int probes = 12, double tolerance = 1e-5)
    {
        module.To(ScalarType.Float64);
        var rng = new Random(seed);
        var n = inputShape.Aggregate(1L, (a, b) => a * b);
        var x = Enumerable.Range(0, (int)n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

        double[] weights;
        using (var scope = Torch.NewDisposeScope())
        using (Torch.NoGrad())
        {
            var outShape = forward(Torch.FromArray(x, inputShape)).Shape;
            weights = Enumerable.Range(0, (int)outShape.Aggregate(1L, (a, b) => a * b)).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        }

        double Objective(double[] input)
        {
            using var scope = Torch.NewDisposeScope();
            using var _ = Torch.NoGrad();
            var y = forward(Torch.FromArray(input, inputShape));
            return (y * Torch.FromArray(weights, y.Shape)).Sum().Item<double>();
        }

        // Analytic gradients.
        double[] inputGrad;
        var paramGrads = new Dictionary<string, double[]>();
        using (var scope = Torch.NewDisposeScope())
        {
            foreach (var p in module.Parameters())
            {
                p.Grad?.ZeroInPlace();
            }

            var xt = Torch.FromArray(x, inputShape);
            xt.RequiresGrad = true;
            var y = forward(xt);
            (y * Torch.FromArray(weights, y.Shape)).Sum().Backward();
            inputGrad = xt.Grad!.ToArray<double>();
            foreach (var (name, p) in module.NamedParameters())
            {
                paramGrads[name] = p.Grad?.ToArray<double>() ?? new double[p.NumberOfElements];
            }
        }

        // Numeric gradients of the input at a few positions.
        foreach (var i in Probe(rng, x.Length, probes))
        {
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[i] += Step;
            minus[i] -= Step;
            var numeric = (Objective(plus) - Objective(minus)) / (2 * Step);
            AssertClose(inputGrad[i], numeric, tolerance, $"input[{i}]");
        }

        // Numeric gradients of every parameter at a few positions.
        foreach (var (name, p) in module.NamedParameters().ToList())
        {
            var values = p.ToArray<double>();
            var shape = p.Shape;
            foreach (var i in Probe(rng, values.Length, probes))
            {
                var original = values[i];
                values[i] = original + Step;
                Set(p, values, shape);
                var up = Objective(x);
                values[i] = original - Step;
                Set(p, values, shape);
                var down = Objective(x);
                values[i] = original;
                Set(p, values, shape);
                AssertClose(paramGrads[name][i], (up - down) / (2 * Step), tolerance, $"{name}[{i}]");
            }
        }
    }

    /// <summary>Checks d loss / d input of a loss function against finite differences.</summary>
    public static void Loss(Func<Tensor, Tensor> loss, double[] input, long[] shape, double tolerance = 1e-6)
    {
        double[] analytic;
        using (var scope = Torch.NewDisposeScope())
        {
            var x = Torch.FromArray(input, shape);
            x.RequiresGrad = true;
            loss(x).Backward();
            analytic = x.Grad!.ToArray<double>();
        }

        double Value(double[] v)
        {
            using var scope = Torch.NewDisposeScope();
            return loss(Torch.FromArray(v, shape)).Item<double>();
        }

        for (var i = 0; i < input.Length; i++)
        {
            var plus = (double[])input.Clone();
            var minus = (double[])input.Clone();
            plus[i] += Step;
            minus[i] -= Step;
            AssertClose(analytic[i], (Value(plus) - Value(minus)) / (2 * Step), tolerance, $"loss input[{i}]");
        }
    }

    private static void Set(Tensor parameter, double[] values, long[] shape)
    {
        using var scope = Torch.NewDisposeScope();
        parameter.CopyFrom(Torch.FromArray(values, shape));
    }

    private static IEnumerable<int> Probe(Random rng, int length, int count) =>
        length <= count ? Enumerable.Range(0, length) : Enumerable.Range(0, count).Select(_ => rng.Next(length)).Distinct();

    private static void AssertClose(double analytic, double numeric, double tolerance, string what)
    {
        var error = Math.Abs(analytic - numeric);
        error.Should().BeLessThanOrEqualTo(tolerance * Math.Max(1, Math.Abs(numeric)),
            $"the autograd gradient of {what} ({analytic:R}) must match the finite difference ({numeric:R})");
    }
}
