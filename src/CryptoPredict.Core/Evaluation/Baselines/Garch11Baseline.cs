using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CryptoPredict.Core.Evaluation.Baselines;

/// <summary>
/// GARCH(1,1) on the log returns, zero mean: σ²_{k+1} = ω + α·r_k² + β·σ²_k, fitted by Gaussian maximum likelihood on the
/// training part's returns, the recursion started at <see cref="InitialVariance"/> (their mean square). At end row t the
/// filter has read r_1..r_t and holds σ²_{t+1}; the h-step variance is σ̄² + (α+β)^{h-1}·(σ²_{t+1} − σ̄²) with
/// σ̄² = ω/(1−α−β), and the forecast of the n-candle realized volatility is the square root of their mean over h = 1..n:
/// for independent zero-mean returns that mean is exactly the expectation of the target's n−1-denominator sample variance.
/// A return across a gap in the candles (the first row of a contiguous run) is left out of the fit and of the filter.
/// </summary>
public sealed record Garch11Baseline(double Omega, double Alpha, double Beta, double InitialVariance)
{
    public const string Name = "garch_1_1";

    /// <summary>Mean log-likelihood per return, −½·mean(ln 2π + ln σ²_k + r_k²/σ²_k), of <paramref name="returns"/> (no NaN).</summary>
    public static double MeanLogLikelihood(ReadOnlySpan<double> returns, double omega, double alpha, double beta, double initialVariance)
    {
        if (returns.IsEmpty)
        {
            throw new ArgumentException("GARCH's likelihood needs at least one return.", nameof(returns));
        }

        var variance = initialVariance;
        var sum = 0.0;
        foreach (var r in returns)
        {
            sum += Math.Log(2 * Math.PI) + Math.Log(variance) + (r * r / variance);
            variance = omega + (alpha * r * r) + (beta * variance);
        }

        return -0.5 * sum / returns.Length;
    }

    /// <summary>
    /// The maximum-likelihood fit by Nelder–Mead over an unconstrained reparametrisation that keeps ω &gt; 0, α, β ≥ 0 and
    /// α + β &lt; 1: ω = v·e^θ₀ (v the returns' mean square, for conditioning), α = p·s, β = p·(1−s) with
    /// p = logistic(θ₁) and s = logistic(θ₂). Started at the textbook α = 0.05, β = 0.90 with variance targeting.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 50 returns, a non-finite one, or all of them zero.</exception>
    public static Garch11Baseline Fit(ReadOnlySpan<double> returns)
    {
        if (returns.Length < 50)
        {
            throw new ArgumentException($"GARCH(1,1) needs at least 50 training returns, got {returns.Length}.", nameof(returns));
        }

        var meanSquare = 0.0;
        foreach (var r in returns)
        {
            if (!double.IsFinite(r))
            {
                throw new ArgumentException("a training return is not finite.", nameof(returns));
            }

            meanSquare += r * r;
        }

        meanSquare /= returns.Length;
        if (!(meanSquare > 0))
        {
            throw new ArgumentException("every training return is zero; GARCH has no variance to fit.", nameof(returns));
        }

        var data = returns.ToArray();
        double Objective(Vector<double> theta)
        {
            var (omega, alpha, beta) = Parameters(theta, meanSquare);
            var value = -MeanLogLikelihood(data, omega, alpha, beta, meanSquare);
            return double.IsFinite(value) ? value : double.MaxValue;
        }

        const double Alpha0 = 0.05, Beta0 = 0.90;
        var start = Vector<double>.Build.DenseOfArray(
            [Math.Log(1 - Alpha0 - Beta0), Logit(Alpha0 + Beta0), Logit(Alpha0 / (Alpha0 + Beta0))]);
        var result = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Objective), start, convergenceTolerance: 1e-10, maximumIterations: 5000);
        var (w, a, b) = Parameters(result.MinimizingPoint, meanSquare);
        return new Garch11Baseline(w, a, b, meanSquare);
    }

    /// <summary>σ̄² = ω / (1 − α − β), the variance the forecasts revert to.</summary>
    public double LongRunVariance => Omega / (1 - Alpha - Beta);

    /// <summary>
    /// The n-candle volatility forecast at each end row (increasing or not), filtering <paramref name="returns"/>
    /// (<see cref="LogReturns"/>) from row 1, so a forecast at t reads r_1..r_t only; a row that starts a run of
    /// contiguous candles (<paramref name="segmentStarts"/>[k] == k) leaves the variance as it was.
    /// </summary>
    public double[] Forecast(ReadOnlySpan<double> returns, IReadOnlyList<int> endRows, int candles, ReadOnlySpan<int> segmentStarts)
    {
        ArgumentNullException.ThrowIfNull(endRows);
        if (endRows.Count == 0)
        {
            return [];
        }

        var last = endRows.Max();
        if (endRows.Min() < 1 || last >= returns.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(endRows), $"GARCH end rows must lie in 1..{returns.Length - 1}.");
        }

        // next[t] = σ²_{t+1}, known at the close of row t.
        var next = new double[last + 1];
        var variance = InitialVariance;
        for (var k = 1; k <= last; k++)
        {
            if (segmentStarts[k] == k)
            {
                next[k] = variance;
                continue;
            }

            variance = Omega + (Alpha * returns[k] * returns[k]) + (Beta * variance);
            next[k] = variance;
        }

        var result = new double[endRows.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Sqrt(MeanVariance(next[endRows[i]], candles));
        }

        return result;
    }

    /// <summary>Mean of the expected variances of the next <paramref name="candles"/> returns given σ²_{t+1} = <paramref name="nextVariance"/>.</summary>
    public double MeanVariance(double nextVariance, int candles)
    {
        var persistence = Alpha + Beta;
        var longRun = LongRunVariance;
        var sum = 0.0;
        var decay = 1.0;
        for (var h = 1; h <= candles; h++)
        {
            sum += longRun + (decay * (nextVariance - longRun));
            decay *= persistence;
        }

        return sum / candles;
    }

    private static (double Omega, double Alpha, double Beta) Parameters(Vector<double> theta, double scale)
    {
        var p = Logistic(theta[1]);
        var s = Logistic(theta[2]);
        return (scale * Math.Exp(theta[0]), p * s, p * (1 - s));
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
