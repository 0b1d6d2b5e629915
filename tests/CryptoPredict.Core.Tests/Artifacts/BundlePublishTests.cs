using System.Text;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Training;
using CryptoPredict.TestPublisher;

namespace CryptoPredict.Core.Tests.Artifacts;

/// <summary>Publishing and reading versioned bundles, with synthetic versions (no training, no libtorch).</summary>
public sealed class BundlePublishTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cp-publish-").FullName;

    public BundlePublishTests() => Run = Path.Combine(_root, "BTCUSDT_1h_lstm");

    private string Run { get; }

    private string Versions => Path.Combine(Run, ModelBundle.VersionsFolderName);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Checkpoints_sharing_the_run_folder_survive_every_publish()
    {
        // --checkpoints-dir equal to --models-dir: the run folder holds the checkpoint pair and metrics too.
        Directory.CreateDirectory(Run);
        var others = new Dictionary<string, byte[]>
        {
            ["checkpoint.cpt"] = [1, 2, 3],
            ["checkpoint.prev.cpt"] = [4, 5],
            ["metrics.csv"] = Encoding.UTF8.GetBytes("epoch,loss\n1,0.5\n"),
            ["notes.txt"] = Encoding.UTF8.GetBytes("mine"),
        };
        foreach (var (name, bytes) in others)
        {
            File.WriteAllBytes(Path.Combine(Run, name), bytes);
        }

        for (var i = 0; i < 4; i++)
        {
            SyntheticBundle.Publish(Run, i);
        }

        foreach (var (name, bytes) in others)
        {
            File.ReadAllBytes(Path.Combine(Run, name)).Should().Equal(bytes, $"publishing must not touch {name}");
        }

        Directory.EnumerateFileSystemEntries(Run).Select(Path.GetFileName).Should().BeEquivalentTo(
            [.. others.Keys, ModelBundle.PointerFileName, ModelBundle.VersionsFolderName]);
        SyntheticBundle.IndexOf(ModelBundle.Load(Run)).Should().Be(3);
    }

    [Fact]
    public void A_publish_makes_its_version_current_and_keeps_the_two_before_it()
    {
        var published = Enumerable.Range(0, 5).Select(i => SyntheticBundle.Publish(Run, i)).ToArray();

        var bundle = ModelBundle.Load(Run);
        SyntheticBundle.IndexOf(bundle).Should().Be(4);
        bundle.Directory.Should().Be(published[4]);
        bundle.Version.Should().Be(Path.GetFileName(published[4]));
        File.ReadAllText(Path.Combine(Run, ModelBundle.PointerFileName)).Should().Be(bundle.Version + "\n");
        Directory.GetDirectories(Versions).Should().BeEquivalentTo(published[2..], "the current version and the 2 before it are kept");
        published.Select(Path.GetFileName).Should().BeInAscendingOrder(StringComparer.Ordinal, "version names sort in publish order");
        foreach (var previous in published[2..4])
        {
            SyntheticBundle.IndexOf(ModelBundle.Load(previous)).Should().Be(Array.IndexOf(published, previous), "a kept version loads by its folder");
        }
    }

    [Fact]
    public void Version_names_sort_in_publish_order_even_when_the_clock_goes_back()
    {
        var now = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var first = BundleVersion.Next([], now);
        var same = BundleVersion.Next([first], now);
        var earlier = BundleVersion.Next([first, same], now.AddHours(-1));

        first.Should().StartWith("20250301T120000000Z-");
        same.Should().StartWith("20250301T120000001Z-");
        earlier.Should().StartWith("20250301T120000002Z-");
        new[] { first, same, earlier }.Should().OnlyContain(v => BundleVersion.IsValid(v));
        BundleVersion.IsValid("../../etc").Should().BeFalse();
    }

    [Fact]
    public void Leftovers_of_dead_publishers_are_removed_and_a_live_publishers_are_kept()
    {
        SyntheticBundle.Publish(Run, 0);
        var dead = Leftover("4242-deadbeef");
        var live = Leftover("4343-cafebabe");
        using var liveLock = new FileStream(Path.Combine(Versions, ".staging-4343-cafebabe.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var pruned = Directory.CreateDirectory(Path.Combine(Versions, ".pruned-20240101T000000000Z-00000000-11111111")).FullName;
        var models = Path.GetDirectoryName(Run)!;
        var oldSwap = Directory.CreateDirectory(Path.Combine(models, "BTCUSDT_1h_lstm.old-abcdef12")).FullName;
        var oldStaging = Directory.CreateDirectory(Path.Combine(models, "BTCUSDT_1h_lstm.tmp-12abcdef")).FullName;
        var youngStaging = Directory.CreateDirectory(Path.Combine(models, "BTCUSDT_1h_lstm.tmp-99999999")).FullName;
        var otherRun = Directory.CreateDirectory(Path.Combine(models, "BTCUSDT_1h_lstm2.tmp-12abcdef")).FullName;
        foreach (var old in new[] { oldSwap, oldStaging, otherRun })
        {
            Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));
        }

        SyntheticBundle.Publish(Run, 1);

        Directory.Exists(dead.Staging).Should().BeFalse();
        File.Exists(dead.Lock).Should().BeFalse();
        File.Exists(dead.PointerTemp).Should().BeFalse();
        Directory.Exists(pruned).Should().BeFalse();
        Directory.Exists(oldSwap).Should().BeFalse("the previous layout's swap folders are removed once an hour old");
        Directory.Exists(oldStaging).Should().BeFalse();
        Directory.Exists(youngStaging).Should().BeTrue("a young one may belong to a publish of an earlier build in progress");
        Directory.Exists(otherRun).Should().BeTrue("another run's folders are not this publish's business");
        Directory.Exists(live.Staging).Should().BeTrue("its publisher holds the lock");
        File.Exists(live.PointerTemp).Should().BeTrue();
        SyntheticBundle.IndexOf(ModelBundle.Load(Run)).Should().Be(1);
    }

    [Fact]
    public void A_description_that_load_would_refuse_is_not_published()
    {
        SyntheticBundle.Publish(Run, 0);
        var before = Directory.GetFileSystemEntries(Run, "*", SearchOption.AllDirectories);

        var act = () => ModelBundle.Publish(Run, SyntheticBundle.Description(1) with { Window = 0 }, SyntheticBundle.Weights(1));

        act.Should().Throw<ModelBundleException>().WithMessage("*model.json*field 'window' is 0*");
        Directory.GetFileSystemEntries(Run, "*", SearchOption.AllDirectories).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void A_bundle_of_an_earlier_build_loads_and_a_publish_leaves_it_in_place()
    {
        var (json, weights) = WriteLegacy(Run, 7);

        var legacy = ModelBundle.Load(Run);
        SyntheticBundle.IndexOf(legacy).Should().Be(7);
        legacy.Version.Should().BeNull();
        legacy.Directory.Should().Be(Run);
        ModelBundle.Exists(Run).Should().BeTrue();

        SyntheticBundle.Publish(Run, 8);

        SyntheticBundle.IndexOf(ModelBundle.Load(Run)).Should().Be(8, "the pointer wins over the old layout");
        File.ReadAllBytes(Path.Combine(Run, ModelBundle.DescriptionFileName)).Should().Equal(json);
        File.ReadAllBytes(Path.Combine(Run, ModelBundle.WeightsFileName)).Should().Equal(weights);
    }

    [Fact]
    public void No_bundle_names_the_pointer_and_the_old_layouts_file()
    {
        ModelBundle.Exists(Run).Should().BeFalse();
        var act = () => ModelBundle.Load(Run);
        act.Should().Throw<ModelBundleException>()
            .WithMessage($"*{Path.Combine(Run, ModelBundle.PointerFileName)}*{Path.Combine(Run, ModelBundle.DescriptionFileName)}*");
    }

    [Fact]
    public void A_pointer_to_a_deleted_or_invalid_version_is_an_error_naming_the_pointer()
    {
        var version = SyntheticBundle.Publish(Run, 0);
        var pointer = Path.Combine(Run, ModelBundle.PointerFileName);
        Directory.Delete(version, recursive: true);
        var act = () => ModelBundle.Load(Run);
        act.Should().Throw<ModelBundleException>().WithMessage($"'{pointer}' names version {Path.GetFileName(version)}, but*missing*");

        File.WriteAllText(pointer, "../../elsewhere\n");
        act.Should().Throw<ModelBundleException>().WithMessage($"'{pointer}' must hold the name of a version*'../../elsewhere'*");
    }

    [Fact]
    public void A_changed_description_or_weights_of_a_published_version_is_refused_by_its_manifest()
    {
        var version = SyntheticBundle.Publish(Run, 0);
        var json = Path.Combine(version, ModelBundle.DescriptionFileName);
        var manifest = Path.Combine(version, ModelBundle.ManifestFileName);
        var original = File.ReadAllText(json);
        var act = () => ModelBundle.Load(Run);

        // A window or horizon that still passes every field rule is caught only by the hash.
        File.WriteAllText(json, original.Replace("\"window\": 16", "\"window\": 30", StringComparison.Ordinal));
        act.Should().Throw<ModelBundleException>().WithMessage($"'{json}' does not match the SHA-256 recorded in '{manifest}'*changed after*");
        File.WriteAllText(json, original.Replace("\"horizon\": 1", "\"horizon\": 2", StringComparison.Ordinal));
        act.Should().Throw<ModelBundleException>().WithMessage($"'{json}'*SHA-256*");

        File.WriteAllText(json, original);
        var weights = Path.Combine(version, ModelBundle.WeightsFileName);
        File.AppendAllText(weights, "x");
        act.Should().Throw<ModelBundleException>().WithMessage($"'{weights}' does not match the SHA-256 recorded in '{manifest}'*");

        File.WriteAllBytes(weights, SyntheticBundle.Weights(0));
        File.WriteAllText(manifest, "{}");
        act.Should().Throw<ModelBundleException>().WithMessage($"'{manifest}': field 'format_version' is 0*");
        File.Delete(manifest);
        act.Should().Throw<ModelBundleException>().WithMessage("*missing or incomplete*", "a version without its manifest is not whole");
    }

    /// <summary>A bundle as builds before versioning wrote it: model.json and weights.cpt directly in the run folder.</summary>
    internal static (byte[] Json, byte[] Weights) WriteLegacy(string run, int index)
    {
        Directory.CreateDirectory(run);
        var weights = SyntheticBundle.Weights(index);
        var description = SyntheticBundle.Description(index) with { WeightsSha256 = BundleManifest.Sha256(weights) };
        var json = Encoding.UTF8.GetBytes(ArtifactJson.Serialize(description) + "\n");
        File.WriteAllBytes(Path.Combine(run, ModelBundle.DescriptionFileName), json);
        File.WriteAllBytes(Path.Combine(run, ModelBundle.WeightsFileName), weights);
        return (json, weights);
    }

    private (string Staging, string Lock, string PointerTemp) Leftover(string id)
    {
        var staging = Directory.CreateDirectory(Path.Combine(Versions, ".staging-" + id)).FullName;
        File.WriteAllText(Path.Combine(staging, ModelBundle.WeightsFileName), "half");
        var lockFile = Path.Combine(Versions, ".staging-" + id + ".lock");
        File.WriteAllText(lockFile, "");
        var pointerTemp = Path.Combine(Run, ".current." + id + ".tmp");
        File.WriteAllText(pointerTemp, "20240101T000000000Z-00000000\n");
        return (staging, lockFile, pointerTemp);
    }
}
