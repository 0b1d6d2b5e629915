using CryptoPredict.Core.IO;

namespace CryptoPredict.Core.Tests.IO;

public sealed class ProjectFoldersTests : IDisposable
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private readonly string _root = Directory.CreateTempSubdirectory("cp-folders-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_nearest_ancestor_holding_data_is_the_home_from_any_folder_below_it()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        var deep = Directory.CreateDirectory(Path.Combine(_root, "src", "CryptoPredict.Cli", "bin")).FullName;

        var folders = ProjectFolders.Resolve(deep, NoEnvironment);

        folders.Home.Path.Should().Be(_root);
        folders.Data.Path.Should().Be(Path.Combine(_root, "data"));
        folders.Models.Path.Should().Be(Path.Combine(_root, "models"));
        folders.Checkpoints.Path.Should().Be(Path.Combine(_root, "checkpoints"));
        folders.Logs.Path.Should().Be(Path.Combine(_root, "logs"));
        folders.Data.Why.Should().Be("nearest ancestor holding data/");
        ProjectFolders.Resolve(_root, NoEnvironment).Data.Why.Should().Be("working folder holds data/");
    }

    [Fact]
    public void The_environment_variable_wins_over_the_ancestors()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        var elsewhere = Path.Combine(_root, "elsewhere");

        var folders = ProjectFolders.Resolve(_root, name => name == ProjectFolders.HomeVariable ? elsewhere : null);

        folders.Data.Path.Should().Be(Path.Combine(elsewhere, "data"));
        folders.Models.Why.Should().Be(ProjectFolders.HomeVariable);
    }

    [Fact]
    public void An_explicit_option_wins_over_everything_and_is_relative_to_the_working_folder()
    {
        var folders = ProjectFolders.Resolve(_root, name => name == ProjectFolders.HomeVariable ? "/nowhere" : null, models: "my-models");

        folders.Models.Path.Should().Be(Path.Combine(_root, "my-models"));
        folders.Models.Why.Should().Be("--models-dir");
        folders.Data.Path.Should().Be("/nowhere/data");
    }

    [Fact]
    public void Without_any_data_folder_the_working_folder_is_used()
    {
        var cwd = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var folders = ProjectFolders.Resolve(cwd, NoEnvironment);

        if (Directory.Exists("/data") || Directory.Exists(Path.Combine(Path.GetTempPath(), "data")))
        {
            return; // A machine with /data or /tmp/data: the rule would rightly pick it.
        }

        folders.Home.Path.Should().Be(cwd);
        folders.Home.Why.Should().StartWith("working folder");
    }

    [Fact]
    public void The_log_folder_variable_moves_only_the_logs()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data"));

        var folders = ProjectFolders.Resolve(_root, name => name == ProjectFolders.LogDirectoryVariable ? "/var/tmp/cp-logs" : null);

        folders.Logs.Path.Should().Be("/var/tmp/cp-logs");
        folders.Data.Path.Should().Be(Path.Combine(_root, "data"));
    }
}
