using MathNet.Numerics.LinearAlgebra;

namespace CryptoPredict.Core.Portfolio;

/// <summary>
/// The covariance of a few symbols' per-candle returns from a short trailing window, shrunk toward the scaled identity
/// (Ledoit and Wolf 2004, "A well-conditioned estimator for large-dimensional covariance matrices"). A week of hourly
/// returns is too few for a raw sample covariance to be trusted by an optimiser, which leans on its smallest
/// eigenvalues; shrinking pulls them up by an amount the data choose. With n observations x_k (rows, each column
/// demeaned) of p symbols:
/// <list type="bullet">
/// <item>S = (1/n) sum x_k x_k' (the maximum-likelihood divisor n, as the paper), m = tr(S) / p;</item>
/// <item>d^2 = ||S - m I||^2 / p, b^2 = min(d^2, (1/n^2) sum ||x_k x_k' - S||^2 / p) (Frobenius norms);</item>
/// <item>shrinkage delta = b^2 / d^2 (0 when d^2 = 0: S already is a multiple of I), result delta m I + (1 - delta) S.</item>
/// </list>
/// The same estimator as scikit-learn's <c>ledoit_wolf</c>.
/// </summary>
public static class LedoitWolfCovariance
{
    /// <param name="returns">One row per candle, one column per symbol; at least two rows.</param>
    public static ShrunkCovariance Estimate(Matrix<double> returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        var n = returns.RowCount;
        var p = returns.ColumnCount;
        if (n < 2 || p < 1)
        {
            throw new ArgumentException($"A covariance needs at least two observations of at least one symbol, got {n} x {p}.", nameof(returns));
        }

        var centred = returns.Clone();
        for (var j = 0; j < p; j++)
        {
            var column = centred.Column(j);
            centred.SetColumn(j, column - column.Average());
        }

        var sample = centred.TransposeThisAndMultiply(centred) / n;
        var scale = sample.Trace() / p;
        var identity = Matrix<double>.Build.DenseIdentity(p);
        var distance = SquaredNorm(sample - (scale * identity)) / p;
        var spread = 0.0;
        for (var k = 0; k < n; k++)
        {
            var row = centred.Row(k);
            spread += SquaredNorm(row.OuterProduct(row) - sample);
        }

        spread = Math.Min(distance, spread / ((double)n * n) / p);
        var shrinkage = distance > 0 ? spread / distance : 0;
        var covariance = (shrinkage * scale * identity) + ((1 - shrinkage) * sample);
        return new ShrunkCovariance(covariance, sample, shrinkage);
    }

    private static double SquaredNorm(Matrix<double> matrix)
    {
        var norm = matrix.FrobeniusNorm();
        return norm * norm;
    }
}

/// <summary>The shrunk covariance, the sample covariance it came from, and the weight (0..1) put on the scaled identity.</summary>
public sealed record ShrunkCovariance(Matrix<double> Covariance, Matrix<double> Sample, double Shrinkage);
