using CryptoPredict.Core.IO;

namespace CryptoPredict.Core.Tests.IO;

public sealed class OutputFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_missing_folder_is_created_and_the_probe_leaves_nothing()
    {
        var folder = Path.Combine(_dir, "models", "BTCUSDT_1h_lstm");

        OutputFolder.EnsureWritable(folder, "model").Should().Be(folder);

        Directory.Exists(folder).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(folder).Should().BeEmpty();
    }

    [Fact]
    public void A_file_in_the_way_is_named()
    {
        var file = Path.Combine(_dir, "models");
        File.WriteAllText(file, "not a folder");

        var inside = () => OutputFolder.EnsureWritable(Path.Combine(file, "BTCUSDT_1h_lstm"), "model");
        inside.Should().Throw<OutputFolderException>().Which.Message.Should().Contain(Path.Combine(file, "BTCUSDT_1h_lstm")).And.Contain("model folder");

        var itself = () => OutputFolder.EnsureWritable(file, "model");
        itself.Should().Throw<OutputFolderException>().WithMessage("*is a file*");
    }
}
