namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>--resume of a run that has nothing left to train says so, instead of "epoch 7 of 6".</summary>
public sealed class TrainResumeFinishedTests : IDisposable
{
    private readonly TrainFolders _folders = new("cp-resume-done-");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Resuming_a_finished_run_says_it_is_finished_and_how_to_train_further()
    {
        (await CliRunner.RunAsync(_folders.Args("--epochs", "1"))).ExitCode.Should().Be(ExitCodes.Ok);

        var (code, _, error) = await CliRunner.RunAsync(_folders.Args("--resume"));

        code.Should().Be(ExitCodes.Ok, error);
        error.Should().Contain("is a finished run (1 of 1 epochs): nothing left to train").And.Contain("--epochs N with N > 1");
        error.Should().NotContain("epoch 2 of 1").And.NotContain("resuming at epoch 2");
    }
}
