using System.Globalization;
using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Models;

/// <summary>
/// The output columns of a regression network: first one point forecast per target (what the network always had,
/// trained with the architecture's own loss), then, with quantile levels, per target one column per level in increasing
/// order (target-major), trained with the pinball loss. The point head is kept beside the quantiles, rather than the 0.5
/// quantile standing in for it, so the point forecast, its metrics, signals, backtests and ensembles stay what they
/// were (a mean under MSE, not a median), and a run without 0.5 among its levels still has a point forecast.
/// </summary>
public sealed class ForecastHeads
{
    /// <summary>Levels closer than this are the same level (0.1 typed twice, or 0.1 and 0.10000000000000001).</summary>
    private const double SameLevel = 1e-9;

    public ForecastHeads(int targets, IReadOnlyList<double>? quantiles = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targets, 1);
        Targets = targets;
        Quantiles = quantiles?.ToArray() ?? [];
    }

    /// <summary>Point forecasts, one per target.</summary>
    public int Targets { get; }

    /// <summary>Quantile levels, strictly increasing in (0, 1); empty when the network has no quantile heads.</summary>
    public IReadOnlyList<double> Quantiles { get; }

    public bool HasQuantiles => Quantiles.Count > 0;

    /// <summary>Values per sample the network returns.</summary>
    public int Outputs => Targets * (1 + Quantiles.Count);

    /// <summary>The column of <paramref name="target"/>'s quantile number <paramref name="level"/> (index into <see cref="Quantiles"/>).</summary>
    public int QuantileColumn(int target, int level) => Targets + (target * Quantiles.Count) + level;

    /// <summary>The heads of a run with <paramref name="targets"/> targets and the configuration's quantile levels (null: none).</summary>
    public static ForecastHeads Of(int targets, IReadOnlyList<double>? quantiles) => new(targets, quantiles);

    /// <summary>
    /// Network outputs (scaled) of one sample turned into target units: each column through its target's column of
    /// <paramref name="targetScaler"/> (an affine map, so quantiles stay quantiles), then each target's quantiles sorted
    /// so they never cross (a network trained on separate pinball terms can put a 0.9 below a 0.1 now and then; sorting
    /// is the rearrangement of Chernozhukov et al., which never makes the pinball loss worse).
    /// </summary>
    public void ToTargetUnits(FeatureScaler targetScaler, ReadOnlySpan<double> scaled, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(targetScaler);
        RequireWidth(scaled.Length, nameof(scaled));
        RequireWidth(destination.Length, nameof(destination));
        for (var c = 0; c < Outputs; c++)
        {
            destination[c] = targetScaler.InverseTransform(scaled[c], TargetOf(c));
        }

        SortQuantiles(destination);
    }

    /// <summary>Sorts each target's quantile columns of one sample's outputs in place.</summary>
    public void SortQuantiles(Span<double> row)
    {
        RequireWidth(row.Length, nameof(row));
        for (var t = 0; t < Targets && HasQuantiles; t++)
        {
            row.Slice(QuantileColumn(t, 0), Quantiles.Count).Sort();
        }
    }

    /// <summary>The target whose units output column <paramref name="column"/> is in.</summary>
    public int TargetOf(int column) => column < Targets ? column : (column - Targets) / Quantiles.Count;

    /// <summary>A per-target vector (a scaler's centers or scales) repeated for every output column.</summary>
    public double[] PerOutput(IReadOnlyList<double> perTarget)
    {
        ArgumentNullException.ThrowIfNull(perTarget);
        RequireTargets(perTarget.Count);
        return Enumerable.Range(0, Outputs).Select(c => perTarget[TargetOf(c)]).ToArray();
    }

    /// <summary>Names of the output columns: the point names, then <c>NAME_qLEVEL</c> per target and level.</summary>
    public IReadOnlyList<string> OutputNames(IReadOnlyList<string> pointNames)
    {
        ArgumentNullException.ThrowIfNull(pointNames);
        RequireTargets(pointNames.Count);
        return [.. pointNames, .. pointNames.SelectMany(name => Quantiles.Select(q => name + "_q" + LevelText(q)))];
    }

    /// <summary>A level as JSON keys and column names show it: the shortest text that reads back the same (0.1, 0.05).</summary>
    public static string LevelText(double level) => level.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Central intervals the levels form: each level below 0.5 with its mirror 1 − level among the levels, widest first,
    /// as (lower index, upper index, nominal coverage).
    /// </summary>
    public IReadOnlyList<(int Lower, int Upper, double Nominal)> CentralIntervals()
    {
        var intervals = new List<(int, int, double)>();
        for (var i = 0; i < Quantiles.Count && Quantiles[i] < 0.5 - SameLevel; i++)
        {
            for (var j = Quantiles.Count - 1; j > i; j--)
            {
                if (Math.Abs(Quantiles[j] - (1 - Quantiles[i])) < SameLevel)
                {
                    intervals.Add((i, j, Quantiles[j] - Quantiles[i]));
                }
            }
        }

        return intervals;
    }

    /// <summary>Whether two levels are the same level (see <see cref="SameLevel"/>).</summary>
    public static bool Same(double a, double b) => Math.Abs(a - b) < SameLevel;

    private void RequireWidth(int width, string name)
    {
        if (width != Outputs)
        {
            throw new ArgumentException($"{width} values do not match the {Outputs} outputs of {Targets} target(s) with {Quantiles.Count} quantile(s).", name);
        }
    }

    private void RequireTargets(int count)
    {
        if (count != Targets)
        {
            throw new ArgumentException($"{count} values given for {Targets} target(s).", nameof(count));
        }
    }
}
