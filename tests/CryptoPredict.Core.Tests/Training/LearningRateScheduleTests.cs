using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Tests.Training;

public class LearningRateScheduleTests
{
    private static readonly TrainingConfiguration Config = new()
    {
        Symbol = "BTCUSDT", Interval = "1h", Model = "lstm", Features = "close", Window = 10, Horizon = 1,
        Patience = 3, LrPatience = 2, LrFactor = 0.5, MinLearningRate = 0.0002,
    };

    private static TrainerState Run(params double[] losses)
    {
        var state = new TrainerState { LearningRate = 0.001 };
        foreach (var loss in losses)
        {
            state = LearningRateSchedule.AfterEpoch(state, Config, loss).State;
        }

        return state;
    }

    [Fact]
    public void Best_epoch_and_counters_follow_the_validation_loss()
    {
        var state = Run(1.0, 0.8, 0.9);
        state.BestEpoch.Should().Be(2);
        state.BestValidationLoss.Should().Be(0.8);
        state.EpochsWithoutImprovement.Should().Be(1);
        state.NextEpoch.Should().Be(3);
        state.EarlyStopped.Should().BeFalse();
    }

    [Fact]
    public void Learning_rate_halves_after_the_plateau_patience_and_never_drops_below_the_minimum()
    {
        Run(1.0, 1.0).LearningRate.Should().Be(0.001);
        Run(1.0, 1.0, 1.0).LearningRate.Should().Be(0.0005);
        Run(1.0, 1.0, 1.0, 1.0, 1.0).LearningRate.Should().Be(0.00025);
        Run(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0).LearningRate.Should().Be(0.0002);
    }

    [Fact]
    public void A_gain_below_the_relative_threshold_is_a_plateau_for_the_rate_but_an_improvement_for_early_stopping()
    {
        var state = Run(1.0, 0.99995, 0.9999);
        state.BestEpoch.Should().Be(3);
        state.LearningRate.Should().Be(0.0005);
    }

    [Fact]
    public void Training_stops_after_patience_epochs_without_improvement()
    {
        Run(1.0, 1.1, 1.2).EarlyStopped.Should().BeFalse();
        Run(1.0, 1.1, 1.2, 1.3).EarlyStopped.Should().BeTrue();
    }

    [Fact]
    public void Shuffle_order_is_a_permutation_that_depends_only_on_seed_and_epoch()
    {
        var a = ShuffleOrder.Permutation(1000, seed: 42, epoch: 3);
        a.Order().Should().Equal(Enumerable.Range(0, 1000));
        ShuffleOrder.Permutation(1000, 42, 3).Should().Equal(a);
        ShuffleOrder.Permutation(1000, 42, 4).Should().NotEqual(a);
        ShuffleOrder.Permutation(1000, 43, 3).Should().NotEqual(a);
    }
}
