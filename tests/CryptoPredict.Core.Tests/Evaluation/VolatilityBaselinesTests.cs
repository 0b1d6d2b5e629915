using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Tests.Features;

namespace CryptoPredict.Core.Tests.Evaluation;

public class VolatilityBaselinesTests
{
    // Log returns: ln(101/100), ln(99/101), ln(102/99), 0, ln(100/102).
    private static readonly double[] Closes = [100, 101, 99, 102, 102, 100];

    [Fact]
    public void Persistence_is_the_sample_std_of_the_last_n_returns()
    {
        var forecast = VolatilityBaselines.Persistence(Closes, [3, 4, 5], candles: 3);

        // Python statistics.stdev of returns 1..3, 2..4 and 3..5.
        forecast[0].Should().BeApproximately(0.02509502419808099, 1e-15);
        forecast[1].Should().BeApproximately(0.0250885448208989, 1e-15);
        forecast[2].Should().BeApproximately(0.02499673685095281, 1e-15);
    }

    [Fact]
    public void Persistence_on_alternating_returns_matches_the_closed_form()
    {
        // Returns +0.01, -0.01, ...: mean 0 over an even window, std = sqrt(n * 0.0001 / (n - 1)).
        var closes = AlternatingCloses(40, 0.01);
        var forecast = VolatilityBaselines.Persistence(closes, [4, 10, 39], candles: 4);
        forecast.Should().AllSatisfy(v => v.Should().BeApproximately(Math.Sqrt(4 * 1e-4 / 3), 1e-12));
    }

    [Fact]
    public void Persistence_at_t_equals_the_realized_volatility_target_at_t_minus_n()
    {
        var series = SyntheticCandles.Create(300, seed: 7);
        const int N = 24;
        var target = new RealizedVolatilityTarget(N).Compute(series);
        var endRows = Enumerable.Range(N, 300 - N).ToArray();

        var forecast = VolatilityBaselines.Persistence(series.Close, endRows, N);

        for (var i = 0; i < endRows.Length; i++)
        {
            forecast[i].Should().Be(target[endRows[i] - N], $"end row {endRows[i]} looks back on the window the target at {endRows[i] - N} looked ahead on");
        }
    }

    [Fact]
    public void Ewma_follows_the_riskmetrics_recursion_from_a_mean_square_seed()
    {
        var forecast = VolatilityBaselines.Ewma(Closes, [3, 4, 5], candles: 3);

        // Seed: mean of r1^2..r3^2; then 0.94 * var + 0.06 * r^2 (r4 = 0, r5 = ln(100/102)).
        forecast[0].Should().BeApproximately(0.02152699980346393, 1e-15);
        forecast[1].Should().BeApproximately(0.02087120066757147, 1e-15);
        forecast[2].Should().BeApproximately(0.020808633764319028, 1e-15);
        forecast[1].Should().BeApproximately(Math.Sqrt(0.94 * forecast[0] * forecast[0]), 1e-15);
    }

    [Fact]
    public void Ewma_of_constant_squared_returns_is_that_return_size_and_lambda_is_honoured()
    {
        var closes = AlternatingCloses(200, 0.02);
        VolatilityBaselines.Ewma(closes, [5, 100, 199], candles: 5).Should().AllSatisfy(v => v.Should().BeApproximately(0.02, 1e-12));

        // lambda 0.5: var_4 = 0.5 * mean(r1^2..r3^2) + 0.5 * r4^2.
        var r = Enumerable.Range(1, 5).Select(k => Math.Log(Closes[k] / Closes[k - 1])).ToArray();
        var seed = ((r[0] * r[0]) + (r[1] * r[1]) + (r[2] * r[2])) / 3;
        VolatilityBaselines.Ewma(Closes, [4], candles: 3, lambda: 0.5)[0]
            .Should().BeApproximately(Math.Sqrt((0.5 * seed) + (0.5 * r[3] * r[3])), 1e-15);
    }

    [Fact]
    public void Forecasts_keep_the_order_of_the_end_rows()
    {
        var forward = VolatilityBaselines.Ewma(Closes, [3, 5], candles: 3);
        var backward = VolatilityBaselines.Ewma(Closes, [5, 3], candles: 3);
        backward.Should().Equal(forward[1], forward[0]);
        VolatilityBaselines.Persistence(Closes, [], candles: 3).Should().BeEmpty();
        VolatilityBaselines.Ewma(Closes, [], candles: 3).Should().BeEmpty();
    }

    [Theory]
    [InlineData(24)]
    [InlineData(120)]
    [InlineData(251)]
    public void Changing_future_closes_does_not_change_any_baseline_up_to_the_cut(int cut)
    {
        const int N = 24;
        var closes = SyntheticCandles.Create(400, seed: 11).Close.ToArray();
        var changed = (double[])closes.Clone();
        var random = new Random(cut);
        for (var k = cut + 1; k < changed.Length; k++)
        {
            changed[k] *= Math.Exp((random.NextDouble() - 0.5) * 0.5);
        }

        var endRows = Enumerable.Range(N, cut - N + 1).ToArray();
        Bits(VolatilityBaselines.Persistence(changed, endRows, N)).Should().Equal(Bits(VolatilityBaselines.Persistence(closes, endRows, N)));
        Bits(VolatilityBaselines.Ewma(changed, endRows, N)).Should().Equal(Bits(VolatilityBaselines.Ewma(closes, endRows, N)));

        // Stronger: with every close after the cut removed, nothing changes either.
        var past = closes[..(cut + 1)];
        Bits(VolatilityBaselines.Persistence(past, endRows, N)).Should().Equal(Bits(VolatilityBaselines.Persistence(closes, endRows, N)));
        Bits(VolatilityBaselines.Ewma(past, endRows, N)).Should().Equal(Bits(VolatilityBaselines.Ewma(closes, endRows, N)));
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_the_rule()
    {
        var early = () => VolatilityBaselines.Persistence(Closes, [2], candles: 3);
        early.Should().Throw<ArgumentOutOfRangeException>().WithMessage("endRows[0] is row 2*");
        var late = () => VolatilityBaselines.Ewma(Closes, [3, 6], candles: 3);
        late.Should().Throw<ArgumentOutOfRangeException>().WithMessage("endRows[1] is row 6*");
        var one = () => VolatilityBaselines.Persistence(Closes, [3], candles: 1);
        one.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("candles");
        var lambda = () => VolatilityBaselines.Ewma(Closes, [3], candles: 3, lambda: 1.0);
        lambda.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("lambda");
        var zero = () => VolatilityBaselines.Ewma([100, 0, 100, 100], [3], candles: 2);
        zero.Should().Throw<ArgumentException>().WithMessage("closes[1] is 0*");
        VolatilityBaselines.FirstEndRow(24).Should().Be(24);
    }

    private static double[] AlternatingCloses(int count, double step)
    {
        var closes = new double[count];
        closes[0] = 100;
        for (var k = 1; k < count; k++)
        {
            closes[k] = closes[k - 1] * Math.Exp(k % 2 == 1 ? step : -step);
        }

        return closes;
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
