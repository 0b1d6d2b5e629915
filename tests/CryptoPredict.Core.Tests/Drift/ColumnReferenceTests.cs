using CryptoPredict.Core.Drift;

namespace CryptoPredict.Core.Tests.Drift;

public sealed class ColumnReferenceTests
{
    [Fact]
    public void Deciles_of_one_to_ten_by_hand()
    {
        // Linear interpolation: the p-quantile of 1..10 is 1 + 9p, so the edges are 1.9, 2.8, ..., 9.1 and every value has a bin of its own.
        var reference = ColumnReference.Of("close", [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);

        reference.Edges.Should().HaveCount(9);
        for (var d = 1; d <= 9; d++)
        {
            reference.Edges[d - 1].Should().BeApproximately(1 + (0.9 * d), 1e-12);
        }

        reference.Counts.Should().Equal(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        (reference.Rows, reference.Min, reference.Max).Should().Be((10, 1.0, 10.0));
        reference.Sample.Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    [Fact]
    public void Repeated_values_merge_their_edges()
    {
        // Six 0s and four 1s: the deciles are 0 (10%..50%), 0.4 (60%: between x5 = 0 and x6 = 1), 1 (70%..90%).
        var reference = ColumnReference.Of("regime", [0, 1, 0, 1, 0, 1, 0, 1, 0, 0]);

        reference.Edges.Should().HaveCount(3);
        reference.Edges[0].Should().Be(0);
        reference.Edges[1].Should().BeApproximately(0.4, 1e-12);
        reference.Edges[2].Should().Be(1);
        reference.Counts.Should().Equal(6, 0, 4, 0);
    }

    [Fact]
    public void A_value_on_an_edge_belongs_to_the_bin_below_it()
    {
        double[] edges = [1, 2, 3];
        ColumnReference.BinOf(edges, 0).Should().Be(0);
        ColumnReference.BinOf(edges, 1).Should().Be(0);
        ColumnReference.BinOf(edges, 1.5).Should().Be(1);
        ColumnReference.BinOf(edges, 3).Should().Be(2);
        ColumnReference.BinOf(edges, 3.1).Should().Be(3);
        ColumnReference.BinOf([], 42).Should().Be(0);
    }

    [Fact]
    public void Many_values_keep_an_equal_share_sample()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (double)(999 - i)).ToArray();

        var reference = ColumnReference.Of("volume", values);

        // Ranks floor((k + 0.5) * 1000 / 500) = 2k + 1.
        reference.Sample.Should().HaveCount(ColumnReference.SampleSize).And.Equal(Enumerable.Range(0, 500).Select(k => (double)((2 * k) + 1)));
        reference.Counts.Should().AllSatisfy(c => c.Should().Be(100));
        reference.Counts.Sum().Should().Be(1000);
    }

    [Fact]
    public void Non_finite_or_no_values_are_refused()
    {
        var nan = () => ColumnReference.Of("rsi_14", [1, double.NaN]);
        nan.Should().Throw<ArgumentException>().WithMessage("*'rsi_14'*NaN at position 1*");
        var none = () => ColumnReference.Of("rsi_14", []);
        none.Should().Throw<ArgumentException>().WithMessage("*'rsi_14' has no value*");
    }
}
