using CryptoPredict.Core.Evaluation.Baselines;

namespace CryptoPredict.Core.Tests.Evaluation.Baselines;

public class ExcursionBaselineTests
{
    // Excursions of the highs against the previous close: row 1: 0.02, 2: 0.01, 3: 0.03, 4: 0.00, 5: 0.05.
    private static readonly double[] Closes = [100, 100, 100, 100, 100, 100];
    private static readonly double[] Highs = [100, 102, 101, 103, 100, 105];

    [Fact]
    public void The_forecast_is_the_last_close_times_one_plus_the_trailing_median()
    {
        var excursions = ExcursionBaseline.Excursions(Highs, Closes);
        var baseline = new ExcursionBaseline(IsHigh: true, Window: 3);

        var forecast = baseline.Forecast(excursions, Closes, [1, 2, 3, 4, 5]);

        // Medians of {0.02}, {0.02, 0.01}, {0.02, 0.01, 0.03}, {0.01, 0.03, 0.00}, {0.03, 0.00, 0.05}.
        forecast.Should().Equal([102, 101.5, 102, 101, 103], (a, b) => Math.Abs(a - b) < 1e-9);
        baseline.Name.Should().Be("median_excursion_3");
    }

    [Fact]
    public void The_window_is_chosen_by_mae_on_the_training_samples_only()
    {
        // Excursions alternate 1% and 3% for 800 rows, then jump to 10%: the short windows chase the alternation, the
        // long ones hold the median. The jump lies after the training rows, so it cannot sway the choice.
        var n = 1000;
        var closes = Enumerable.Repeat(100.0, n).ToArray();
        var highs = Enumerable.Range(0, n).Select(k => k >= 800 ? 110.0 : k % 2 == 0 ? 101.0 : 103.0).ToArray();
        var excursions = ExcursionBaseline.Excursions(highs, closes);
        var trainRows = Enumerable.Range(730, 60).ToArray();
        var actual = trainRows.Select(t => highs[t + 1]).ToArray();

        var chosen = ExcursionBaseline.Choose(true, excursions, closes, trainRows, actual);

        var maes = ExcursionBaseline.CandidateWindows.ToDictionary(w => w, w =>
            new ExcursionBaseline(true, w).Forecast(excursions, closes, trainRows).Select((f, i) => Math.Abs(actual[i] - f)).Average());
        chosen.Window.Should().Be(maes.MinBy(p => p.Value).Key);

        var later = (double[])highs.Clone();
        Array.Fill(later, 200.0, 800, 200);
        ExcursionBaseline.Choose(true, ExcursionBaseline.Excursions(later, closes), closes, trainRows, actual).Window.Should().Be(chosen.Window);
    }

    [Fact]
    public void The_hit_rate_counts_extremes_that_reached_the_forecast()
    {
        ExcursionBaseline.HitRate(true, [105, 103, 101], [104, 104, 101]).Should().BeApproximately(2 / 3.0, 1e-15);
        ExcursionBaseline.HitRate(false, [95, 99, 97], [96, 96, 96]).Should().BeApproximately(1 / 3.0, 1e-15);
        double.IsNaN(ExcursionBaseline.HitRate(true, [], [])).Should().BeTrue();
    }

    [Fact]
    public void A_forecast_reads_no_candle_after_its_end_row()
    {
        var excursions = ExcursionBaseline.Excursions(Highs, Closes);
        var before = new ExcursionBaseline(true, 3).Forecast(excursions, Closes, [3])[0];
        var changed = (double[])excursions.Clone();
        changed[4] = 0.5;
        changed[5] = 0.9;

        new ExcursionBaseline(true, 3).Forecast(changed, Closes, [3])[0].Should().Be(before);
    }
}
