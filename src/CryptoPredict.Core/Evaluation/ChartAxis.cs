namespace CryptoPredict.Core.Evaluation;

/// <summary>An axis range widened to round tick values (steps of 1, 2 or 5 times a power of ten).</summary>
internal readonly record struct ChartAxis(double Low, double High, double Step)
{
    /// <summary>The nice range around [<paramref name="min"/>, <paramref name="max"/>] with about <paramref name="ticks"/> steps.</summary>
    public static ChartAxis Nice(double min, double max, int ticks = 5, double minimumStep = 0)
    {
        if (!(max > min))
        {
            // One value (or one repeated value): give it room instead of dividing by a zero range.
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.05;
            min -= pad;
            max += pad;
        }

        var raw = (max - min) / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalised = raw / magnitude;
        var step = (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10) * magnitude;
        step = Math.Max(step, minimumStep);
        return new ChartAxis(Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    /// <summary>Tick values from <see cref="Low"/> to <see cref="High"/>, each an integer multiple of the step (so 0 is exactly 0).</summary>
    public IEnumerable<double> Ticks()
    {
        var first = Math.Round(Low / Step);
        var last = Math.Round(High / Step);
        for (var k = first; k <= last; k++)
        {
            yield return k * Step;
        }
    }
}
