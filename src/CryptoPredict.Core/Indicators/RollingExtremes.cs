namespace CryptoPredict.Core.Indicators;

/// <summary>
/// Rolling maximum and minimum over a window of <c>period</c> rows in O(n), with a monotonic deque of indices
/// kept in a ring buffer (at most <c>period</c> entries, so no per-row allocation).
/// </summary>
internal static class RollingExtremes
{
    public static void Max(ReadOnlySpan<double> input, int period, Span<double> output) =>
        Compute(input, period, output, wantMax: true);

    public static void Min(ReadOnlySpan<double> input, int period, Span<double> output) =>
        Compute(input, period, output, wantMax: false);

    private static void Compute(ReadOnlySpan<double> input, int period, Span<double> output, bool wantMax)
    {
        var n = input.Length;
        Outputs.WarmUp(output, period - 1);
        if (n < period)
        {
            return;
        }

        var ring = new int[period];
        var head = 0; // position of the oldest (and extreme) index
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            var value = input[i];
            if (count > 0 && ring[head] <= i - period)
            {
                head = (head + 1) % period;
                count--;
            }

            // Drop candidates that can never be the extreme again: older and not better than the new value.
            while (count > 0)
            {
                var last = ring[(head + count - 1) % period];
                var dominated = wantMax ? input[last] <= value : input[last] >= value;
                if (!dominated)
                {
                    break;
                }

                count--;
            }

            ring[(head + count) % period] = i;
            count++;

            if (i >= period - 1)
            {
                output[i] = input[ring[head]];
            }
        }
    }
}
