using MathNet.Numerics.LinearAlgebra;

namespace CryptoPredict.Core.Portfolio;

/// <summary>
/// Long-only mean-variance weights: maximise mu'w - (L / 2) w' Sigma w over 0 &lt;= w_i &lt;= cap_i, sum w &lt;= 1 (what is
/// not invested is cash, which earns nothing; so a symbol forecast to fall gets 0 and when all are, everything is
/// cash). MathNet's bounded optimiser (BfgsBMinimizer) handles the box but not the budget, so this is projected
/// gradient ascent on the convex problem: step 1 / (L lambda_max(Sigma)) (the gradient's Lipschitz constant, from
/// MathNet's symmetric eigen-decomposition), then the exact projection onto the capped simplex
/// (<see cref="CappedSimplex"/>). It stops when a step moves no weight by more than <see cref="Tolerance"/>, a point
/// where the KKT conditions hold to that accuracy; a positive definite Sigma (what shrinkage gives) makes the problem
/// strictly concave, so the optimum is unique and the iteration converges to it linearly.
/// </summary>
public static class MeanVarianceWeights
{
    public const double Tolerance = 1e-13;

    public const int MaxIterations = 1_000_000;

    /// <param name="expectedReturns">mu, one per symbol (finite).</param>
    /// <param name="covariance">Sigma, symmetric positive semi-definite.</param>
    /// <param name="riskAversion">L &gt; 0.</param>
    /// <param name="caps">Upper bound of each weight, 0 to 1 (0 keeps a symbol out).</param>
    public static double[] Solve(IReadOnlyList<double> expectedReturns, Matrix<double> covariance, double riskAversion, IReadOnlyList<double> caps)
    {
        ArgumentNullException.ThrowIfNull(expectedReturns);
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentNullException.ThrowIfNull(caps);
        var p = expectedReturns.Count;
        if (covariance.RowCount != p || covariance.ColumnCount != p || caps.Count != p)
        {
            throw new ArgumentException($"{p} expected returns need a {p} x {p} covariance and {p} caps, got {covariance.RowCount} x {covariance.ColumnCount} and {caps.Count}.", nameof(covariance));
        }

        if (!(riskAversion > 0) || !double.IsFinite(riskAversion))
        {
            throw new ArgumentOutOfRangeException(nameof(riskAversion), riskAversion, "The risk aversion must be a finite number above 0.");
        }

        for (var i = 0; i < p; i++)
        {
            if (!double.IsFinite(expectedReturns[i]) || !(caps[i] >= 0 && caps[i] <= 1))
            {
                throw new ArgumentException($"Symbol {i}: expected return {expectedReturns[i]} and cap {caps[i]}; a return must be finite and a cap within 0..1.", nameof(expectedReturns));
            }
        }

        var mu = Vector<double>.Build.DenseOfEnumerable(expectedReturns);
        var largest = covariance.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Max();
        if (!(largest > 0))
        {
            return Linear(expectedReturns, caps);
        }

        var step = 1 / (riskAversion * largest);
        var weights = new double[p];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var w = Vector<double>.Build.DenseOfArray(weights);
            var gradient = mu - (riskAversion * (covariance * w));
            var next = CappedSimplex.Project((w + (step * gradient)).ToArray(), caps);
            var moved = 0.0;
            for (var i = 0; i < p; i++)
            {
                moved = Math.Max(moved, Math.Abs(next[i] - weights[i]));
            }

            weights = next;
            if (moved <= Tolerance)
            {
                return weights;
            }
        }

        throw new InvalidOperationException($"The mean-variance weights did not converge in {MaxIterations} steps (the covariance is too badly conditioned).");
    }

    /// <summary>
    /// Without variance the problem is linear: fill the symbols in order of expected return, the best first, each up
    /// to its cap, until the budget is spent or the returns are no longer above 0.
    /// </summary>
    private static double[] Linear(IReadOnlyList<double> expectedReturns, IReadOnlyList<double> caps)
    {
        var weights = new double[expectedReturns.Count];
        var left = 1.0;
        foreach (var i in Enumerable.Range(0, weights.Length).Where(i => expectedReturns[i] > 0).OrderByDescending(i => expectedReturns[i]))
        {
            weights[i] = Math.Min(caps[i], left);
            left -= weights[i];
        }

        return weights;
    }
}
