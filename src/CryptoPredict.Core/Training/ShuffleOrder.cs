namespace CryptoPredict.Core.Training;

/// <summary>
/// The order training samples are visited in one epoch: a Fisher-Yates shuffle driven by SplitMix64 seeded from
/// (seed, epoch). A function of those two numbers only, so a resumed run visits exactly the batches an
/// uninterrupted one would, on any machine and .NET version.
/// </summary>
public static class ShuffleOrder
{
    public static int[] Permutation(int count, long seed, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ unchecked((ulong)(epoch + 1) * 0xD1B54A32D192ED03UL);
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
