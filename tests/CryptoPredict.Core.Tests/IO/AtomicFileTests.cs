using CryptoPredict.Core.IO;

namespace CryptoPredict.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_write_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "report.html");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllText(path, "new ü");

        File.ReadAllBytes(path).Should().Equal("new ü"u8.ToArray(), "UTF-8 without a byte-order mark");
        Directory.GetFiles(_dir).Should().ContainSingle();
    }

    [Fact]
    public void A_failing_writer_leaves_the_old_file_and_no_temporary_file()
    {
        var path = Path.Combine(_dir, "checkpoint.cpt");
        File.WriteAllBytes(path, [1, 2, 3]);

        var act = () => AtomicFile.Write(path, stream =>
        {
            stream.Write([9, 9]);
            throw new IOException("disk full");
        });

        act.Should().Throw<IOException>().WithMessage("disk full");
        File.ReadAllBytes(path).Should().Equal(1, 2, 3);
        Directory.GetFiles(_dir).Should().ContainSingle();
    }

    [Fact]
    public void Leftover_temporary_files_of_a_destination_are_listed_and_nothing_else()
    {
        var path = Path.Combine(_dir, "metrics.csv");
        var mine = Path.Combine(_dir, $".metrics.csv.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(mine, "half");
        File.WriteAllText(Path.Combine(_dir, $".metrics.csv.not-a-guid.tmp"), "");
        File.WriteAllText(Path.Combine(_dir, $".checkpoint.cpt.{Guid.NewGuid():N}.tmp"), "");
        File.WriteAllText(path, "kept");

        AtomicFile.LeftoverTemporaryFiles(path).Should().Equal(mine);
    }
}
