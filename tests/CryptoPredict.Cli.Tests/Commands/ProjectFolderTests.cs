using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>The folder rule from a real process: `dotnet run` from the CLI project finds the repository's data/, models/ and checkpoints/.</summary>
public sealed class ProjectFolderTests
{
    [Fact]
    public async Task From_the_cli_project_folder_the_repository_folders_are_used()
    {
        var root = CliProcess.RepositoryRoot();
        var cliProject = Path.Combine(root, "src", "CryptoPredict.Cli");

        var (code, output, error) = await CliProcess.RunAsync(cliProject, null, "doctor", "--json");

        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var folders = json.RootElement.GetProperty("folders");
        folders.GetProperty("data").GetProperty("path").GetString().Should().Be(Path.Combine(root, "data"));
        folders.GetProperty("models").GetProperty("path").GetString().Should().Be(Path.Combine(root, "models"));
        folders.GetProperty("checkpoints").GetProperty("path").GetString().Should().Be(Path.Combine(root, "checkpoints"));
        folders.GetProperty("data").GetProperty("why").GetString().Should().Be("nearest ancestor holding data/");
    }

    [Fact]
    public async Task A_verb_run_from_the_cli_project_folder_reads_the_bundled_candles()
    {
        var root = CliProcess.RepositoryRoot();

        var (code, output, error) = await CliProcess.RunAsync(Path.Combine(root, "src", "CryptoPredict.Cli"), null, "preprocess", "--symbol", "BTCUSDT", "--json");

        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("file").GetString().Should().Be(Path.Combine(root, "data", "BTCUSDT_1h.csv"));
    }

    [Fact]
    public async Task Cryptopredict_home_wins_over_the_working_folder()
    {
        var home = Directory.CreateTempSubdirectory("cp-home-").FullName;
        try
        {
            var (code, output, error) = await CliProcess.RunAsync(
                CliProcess.RepositoryRoot(), new Dictionary<string, string?> { ["CRYPTOPREDICT_HOME"] = home }, "doctor", "--json", "--verbose");

            code.Should().Be(ExitCodes.Ok, error);
            using var json = JsonDocument.Parse(output);
            var data = json.RootElement.GetProperty("folders").GetProperty("data");
            data.GetProperty("path").GetString().Should().Be(Path.Combine(home, "data"));
            data.GetProperty("why").GetString().Should().Be("CRYPTOPREDICT_HOME");
            File.Exists(Path.Combine(home, "logs", $"cryptopredict-{DateTime.Now:yyyyMMdd}.log")).Should().BeTrue("logs follow the project folder");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
