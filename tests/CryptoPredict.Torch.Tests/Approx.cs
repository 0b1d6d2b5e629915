namespace CryptoPredict.Torch.Tests;

/// <summary>Element-wise comparison of a kernel's results with a reference's, relative to 1 + |expected|.</summary>
internal static class Approx
{
    public static void ShouldBeClose(double[] actual, double[] expected, double tolerance, string what)
    {
        actual.Should().HaveCount(expected.Length, what);
        for (var i = 0; i < actual.Length; i++)
        {
            Math.Abs(actual[i] - expected[i]).Should().BeLessThanOrEqualTo(tolerance * (1 + Math.Abs(expected[i])), $"{what}[{i}]");
        }
    }
}
