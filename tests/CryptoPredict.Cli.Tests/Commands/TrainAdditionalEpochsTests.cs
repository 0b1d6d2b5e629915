using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary><c>train --resume --additional-epochs N</c> from the command line.</summary>
public sealed class TrainAdditionalEpochsTests : IDisposable
{
    private readonly TrainFolders _folders = new("cp-additional-");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Resume_with_additional_epochs_trains_that_many_more_and_a_disagreeing_epochs_is_a_usage_error()
    {
        (await CliRunner.RunAsync(_folders.Args("--epochs", "1"))).ExitCode.Should().Be(ExitCodes.Ok);

        var disagreeing = await CliRunner.RunAsync(_folders.Args("--resume", "--additional-epochs", "1", "--epochs", "3", "--json"));
        disagreeing.ExitCode.Should().Be(ExitCodes.Usage, disagreeing.Error);
        disagreeing.Output.ShouldBeJsonError("usage", ExitCodes.Usage).GetProperty("message").GetString()
            .Should().Contain("--epochs 3 and --additional-epochs 1 disagree").And.Contain("means --epochs 2");

        var (code, output, error) = await CliRunner.RunAsync(_folders.Args("--resume", "--additional-epochs", "1", "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("epochs_run").GetInt32().Should().Be(2);
        json.RootElement.GetProperty("epochs_run_now").GetInt32().Should().Be(1);
        error.Should().Contain("at epoch 2 of 2");
    }

    [Fact]
    public async Task Additional_epochs_without_resume_is_a_usage_error_before_any_file_is_written()
    {
        var (code, _, error) = await CliRunner.RunAsync(_folders.Args("--additional-epochs", "2"));

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("--additional-epochs only applies to --resume");
        Directory.Exists(_folders.CheckpointDir).Should().BeFalse();
    }
}
