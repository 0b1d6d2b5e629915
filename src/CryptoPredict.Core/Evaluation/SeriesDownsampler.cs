namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Thins a plotted line to at most <see cref="MaxPoints"/> points, deterministically: the points are cut into
/// MaxPoints / 2 equal index buckets and each bucket keeps its lowest and highest value, in their original order, so
/// spikes survive where plain striding would drop them.
/// </summary>
internal static class SeriesDownsampler
{
    public const int MaxPoints = 2000;

    public static (double[] X, double[] Y) Thin(double[] x, double[] y, int maxPoints = MaxPoints)
    {
        var n = y.Length;
        if (n <= maxPoints)
        {
            return (x, y);
        }

        var buckets = maxPoints / 2;
        var keptX = new List<double>(maxPoints);
        var keptY = new List<double>(maxPoints);
        for (var b = 0; b < buckets; b++)
        {
            var start = (int)((long)b * n / buckets);
            var end = (int)((long)(b + 1) * n / buckets);
            var low = start;
            var high = start;
            for (var i = start + 1; i < end; i++)
            {
                if (y[i] < y[low])
                {
                    low = i;
                }

                if (y[i] > y[high])
                {
                    high = i;
                }
            }

            var first = Math.Min(low, high);
            var second = Math.Max(low, high);
            keptX.Add(x[first]);
            keptY.Add(y[first]);
            if (second != first)
            {
                keptX.Add(x[second]);
                keptY.Add(y[second]);
            }
        }

        return (keptX.ToArray(), keptY.ToArray());
    }
}
