using System.Globalization;
using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Tests.Features;

public class FeatureCsvWriterTests
{
    [Fact]
    public void Writes_timestamp_then_features_without_warm_up_and_exact_numbers()
    {
        var series = SyntheticCandles.Create(40, seed: 9);
        var matrix = FeatureSet.Parse("close,sma_5,log_return").Compute(series);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        FeatureCsvWriter.Write(matrix, text);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        lines[0].Should().Be("timestamp,close,sma_5,log_return");
        lines.Should().HaveCount(1 + 40 - 4, "sma_5 is defined from row 4");
        var first = lines[1].Split(',');
        first[0].Should().Be("2024-01-01T04:00:00Z");
        double.Parse(first[1], CultureInfo.InvariantCulture).Should().Be(series.Close[4]);
        double.Parse(first[2], CultureInfo.InvariantCulture).Should().Be(matrix[4, 1]);
        var closes = lines.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture));
        closes.Should().Equal(series.Close[4..].ToArray());
    }
}
