using CryptoPredict.Core.IO;

namespace CryptoPredict.Core.Tests.IO;

public sealed class StagedFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-staged-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Features => Path.Combine(_dir, "features.csv");

    private string Report => Path.Combine(_dir, "report.json");

    [Fact]
    public void Nothing_changes_until_the_commit_and_then_every_file_does()
    {
        File.WriteAllText(Features, "old features");
        using (var staged = new StagedFiles())
        {
            staged.StageText(Features, w => w.Write("new features"));
            staged.StageText(Report, w => w.Write("{}"));
            File.ReadAllText(Features).Should().Be("old features");
            File.Exists(Report).Should().BeFalse();

            staged.Commit();
        }

        File.ReadAllText(Features).Should().Be("new features");
        File.ReadAllText(Report).Should().Be("{}");
        Directory.GetFiles(_dir).Should().HaveCount(2, "no temporary file is left");
    }

    [Fact]
    public void A_failure_before_the_commit_leaves_every_destination_as_it_was()
    {
        File.WriteAllText(Features, "old features");
        var act = () =>
        {
            using var staged = new StagedFiles();
            staged.StageText(Features, w => w.Write("new features"));
            staged.StageText(Report, _ => throw new InvalidDataException("bad row 7"));
            staged.Commit();
        };

        act.Should().Throw<InvalidDataException>();
        File.ReadAllText(Features).Should().Be("old features");
        Directory.GetFiles(_dir).Should().ContainSingle("both temporary files are removed");
    }
}
