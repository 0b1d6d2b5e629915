namespace CryptoPredict.Core.Indicators;

/// <summary>
/// Rolling maximum and minimum over a window of <c>period</c> rows in O(n), with a monotonic deque of indices
/// kept in a ring buffer (at most <c>period</c> entries, so no per-row allocation).
/// </summary>
internal static class RollingExtremes
{
    public static void Max(ReadOnlySpan<double> input, int period, Span<double> output) =>
        Compute<Greatest>(input, period, output);

    public static void Min(ReadOnlySpan<double> input, int period, Span<double> output) =>
        Compute<Least>(input, period, output);

    // A struct type parameter makes the JIT compile one specialised loop per direction, with no branch on it inside.
    private static void Compute<TOrder>(ReadOnlySpan<double> input, int period, Span<double> output)
        where TOrder : struct, IOrder
    {
        var n = input.Length;
        Outputs.WarmUp(output, period - 1);
        if (n < period)
        {
            return;
        }

        Span<int> ring = period <= 512 ? stackalloc int[period] : new int[period];
        var head = 0; // slot of the oldest index, which holds the window's extreme
        var tail = 0; // slot after the newest index
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (count > 0 && ring[head] <= i - period)
            {
                head = head + 1 == period ? 0 : head + 1;
                count--;
            }

            // Drop candidates that can never be the extreme again: older and not better than the new value.
            var value = input[i];
            while (count > 0)
            {
                var last = tail == 0 ? period - 1 : tail - 1;
                if (!TOrder.Dominates(value, input[ring[last]]))
                {
                    break;
                }

                tail = last;
                count--;
            }

            ring[tail] = i;
            tail = tail + 1 == period ? 0 : tail + 1;
            count++;
            if (i >= period - 1)
            {
                output[i] = input[ring[head]];
            }
        }
    }

    private interface IOrder
    {
        /// <summary>Whether <paramref name="incoming"/> makes the older <paramref name="kept"/> useless.</summary>
        static abstract bool Dominates(double incoming, double kept);
    }

    private readonly struct Greatest : IOrder
    {
        public static bool Dominates(double incoming, double kept) => kept <= incoming;
    }

    private readonly struct Least : IOrder
    {
        public static bool Dominates(double incoming, double kept) => kept >= incoming;
    }
}
