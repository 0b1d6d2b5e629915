using System.Globalization;
using System.Text;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// Several trained models of one kind published as one bundle: a version folder holding <c>ensemble.json</c>, each
/// member's <c>members/I/model.json</c> and <c>members/I/weights.cpt</c>, and one <c>manifest.json</c> hashing every
/// one of those files, so a tampered member is refused like a tampered single model. Published and pointed to by
/// <c>current</c> exactly as a single model is (see <see cref="BundleLayout"/>).
/// </summary>
public sealed class EnsembleBundle
{
    public const string DescriptionFileName = "ensemble.json";

    public const string MembersFolderName = "members";

    public const int MinimumMembers = 2;

    public const int MaximumMembers = 20;

    private EnsembleBundle(string directory, string version, EnsembleDescription description, IReadOnlyList<ModelBundle> members)
    {
        Directory = directory;
        Version = version;
        Description = description;
        Members = members;
    }

    /// <summary>The version folder.</summary>
    public string Directory { get; }

    public string Version { get; }

    public EnsembleDescription Description { get; }

    /// <summary>The members' bundles, in <see cref="EnsembleDescription.Members"/> order.</summary>
    public IReadOnlyList<ModelBundle> Members { get; }

    public string DescriptionPath => Path.Combine(Directory, DescriptionFileName);

    /// <summary>The folder of member <paramref name="index"/> relative to the version: <c>members/I</c>.</summary>
    public static string MemberPath(int index) => string.Create(CultureInfo.InvariantCulture, $"{MembersFolderName}/{index}");

    /// <summary>Whether the version the pointer of <paramref name="runDirectory"/> names is an ensemble.</summary>
    public static bool IsEnsemble(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        var run = Path.GetFullPath(runDirectory);
        return BundleReader.TryReadPointer(run) is { } version && File.Exists(Path.Combine(BundleLayout.VersionPath(run, version), DescriptionFileName));
    }

    /// <summary>
    /// Publishes the members (descriptions and weights, in order) as a new version of <paramref name="runDirectory"/>
    /// and makes it current; every member is checked by the single-model rules and against the others first.
    /// </summary>
    public static string Publish(
        string runDirectory, string name, IReadOnlyList<(ModelDescription Description, byte[] Weights)> members, TestMetrics? testMetrics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        ArgumentNullException.ThrowIfNull(members);
        var files = new List<KeyValuePair<string, byte[]>>();
        var entries = new List<EnsembleMember>();
        var newFolder = Path.Combine(Path.GetFullPath(runDirectory), ModelBundle.VersionsFolderName, "(new version)");
        for (var i = 0; i < members.Count; i++)
        {
            var (description, weights) = members[i];
            var sealedDescription = description with { WeightsFile = ModelBundle.WeightsFileName, WeightsSha256 = BundleManifest.Sha256(weights) };
            var json = Encoding.UTF8.GetBytes(ArtifactJson.Serialize(sealedDescription) + "\n");
            var path = MemberPath(i);
            ModelDescriptionValidator.Validate(
                ArtifactJson.Deserialize<ModelDescription>(Encoding.UTF8.GetString(json), "the new model.json"),
                Path.Combine(newFolder, path, ModelBundle.DescriptionFileName));
            files.Add(new($"{path}/{ModelBundle.WeightsFileName}", weights));
            files.Add(new($"{path}/{ModelBundle.DescriptionFileName}", json));
            entries.Add(new EnsembleMember(description.Architecture.Name, description.Training.Seed, path));
        }

        var first = members.Count > 0 ? members[0].Description : throw new ModelBundleException("An ensemble needs members; none were given.");
        var ensemble = new EnsembleDescription
        {
            Name = name,
            Symbol = first.Symbol,
            Interval = first.Interval,
            Kind = first.Architecture.Kind,
            Horizon = first.Horizon,
            Targets = first.Targets,
            Members = entries,
            CreatedUtc = DateTime.UtcNow,
            TestMetrics = testMetrics,
        };
        var ensembleJson = Encoding.UTF8.GetBytes(ArtifactJson.Serialize(ensemble) + "\n");
        Check(ensemble, members.Select(m => m.Description).ToArray(), Path.Combine(newFolder, DescriptionFileName));
        files.Add(new(DescriptionFileName, ensembleJson));
        return BundlePublisher.PublishFiles(runDirectory, files, ModelBundle.PreviousVersionsKept);
    }

    /// <summary>
    /// The ensemble of <paramref name="members"/> before it is published (no version), to score it with the weights
    /// about to be published.
    /// </summary>
    internal static EnsembleBundle Unpublished(string runDirectory, string name, IReadOnlyList<ModelBundle> members)
    {
        var first = members[0].Description;
        var description = new EnsembleDescription
        {
            Name = name,
            Symbol = first.Symbol,
            Interval = first.Interval,
            Kind = first.Architecture.Kind,
            Horizon = first.Horizon,
            Targets = first.Targets,
            Members = members.Select((m, i) => new EnsembleMember(m.Description.Architecture.Name, m.Description.Training.Seed, MemberPath(i))).ToArray(),
            CreatedUtc = DateTime.UtcNow,
        };
        return new EnsembleBundle(Path.Combine(Path.GetFullPath(runDirectory), ModelBundle.VersionsFolderName, "(new version)"), "(new version)", description, members);
    }

    /// <summary>
    /// Reads the ensemble the pointer of <paramref name="runDirectory"/> names: every file is read whole and checked
    /// against the manifest before anything is parsed, then each member as a single bundle is, then the members
    /// against the ensemble's description. Every problem is a <see cref="ModelBundleException"/> naming the file.
    /// </summary>
    public static EnsembleBundle Load(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        var run = Path.GetFullPath(runDirectory);
        var pointer = BundleLayout.PointerPath(run);
        var version = BundleReader.TryReadPointer(run)
            ?? throw new ModelBundleException($"No ensemble in '{run}': '{pointer}' is missing or does not name a version.");
        var folder = BundleLayout.VersionPath(run, version);
        var manifestPath = Path.Combine(folder, ModelBundle.ManifestFileName);
        var descriptionPath = Path.Combine(folder, DescriptionFileName);
        var manifest = BundleManifest.Parse(Read(manifestPath), manifestPath);
        if (!string.Equals(manifest.Version, version, StringComparison.Ordinal))
        {
            throw new ModelBundleException($"'{manifestPath}': field 'version' is '{manifest.Version}', but the folder is version '{version}'.");
        }

        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in manifest.Files.Keys)
        {
            if (!IsMemberFile(name) && name != DescriptionFileName)
            {
                throw new ModelBundleException($"'{manifestPath}': field 'files' lists '{name}', which is not a file of an ensemble ({DescriptionFileName}, {MembersFolderName}/I/{ModelBundle.DescriptionFileName}, {MembersFolderName}/I/{ModelBundle.WeightsFileName}).");
            }

            var path = Path.Combine(folder, name.Replace('/', Path.DirectorySeparatorChar));
            var bytes = Read(path);
            manifest.Verify(name, path, bytes, manifestPath, "the ensemble was changed after it was published (a member's description or weights replaced or damaged). Retrain it.");
            contents[name] = bytes;
        }

        if (!contents.TryGetValue(DescriptionFileName, out var ensembleJson))
        {
            throw new ModelBundleException($"'{manifestPath}' does not list '{DescriptionFileName}': the version is not an ensemble.");
        }

        EnsembleDescription description;
        try
        {
            description = ArtifactJson.Deserialize<EnsembleDescription>(Encoding.UTF8.GetString(ensembleJson), $"'{descriptionPath}'");
        }
        catch (FormatException e)
        {
            throw new ModelBundleException(e.Message, e);
        }

        if (description.FormatVersion != EnsembleDescription.CurrentFormatVersion)
        {
            throw new ModelBundleException($"'{descriptionPath}': field 'format_version' is {description.FormatVersion}; this build reads ensemble format {EnsembleDescription.CurrentFormatVersion}. Retrain the ensemble.");
        }

        var members = new List<ModelBundle>();
        for (var i = 0; i < (description.Members?.Count ?? 0); i++)
        {
            var entry = description.Members![i];
            if (!string.Equals(entry.Path, MemberPath(i), StringComparison.Ordinal))
            {
                throw new ModelBundleException($"'{descriptionPath}': field 'members[{i}].path' is '{entry.Path}'; must be '{MemberPath(i)}'.");
            }

            members.Add(LoadMember(folder, version, entry.Path, contents, manifestPath));
        }

        Check(description, members.Select(m => m.Description).ToArray(), descriptionPath);
        return new EnsembleBundle(folder, version, description, members);
    }

    private static ModelBundle LoadMember(string folder, string version, string path, Dictionary<string, byte[]> contents, string manifestPath)
    {
        var memberFolder = Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar));
        var jsonPath = Path.Combine(memberFolder, ModelBundle.DescriptionFileName);
        if (!contents.TryGetValue($"{path}/{ModelBundle.DescriptionFileName}", out var json) || !contents.TryGetValue($"{path}/{ModelBundle.WeightsFileName}", out var weights))
        {
            throw new ModelBundleException($"'{manifestPath}' does not list both files of member '{path}' ({ModelBundle.DescriptionFileName}, {ModelBundle.WeightsFileName}).");
        }

        ModelDescription description;
        try
        {
            description = ArtifactJson.Deserialize<ModelDescription>(Encoding.UTF8.GetString(json), $"'{jsonPath}'");
        }
        catch (FormatException e)
        {
            throw new ModelBundleException(e.Message, e);
        }

        var parts = ModelDescriptionValidator.Validate(description, jsonPath);
        if (!string.Equals(BundleManifest.Sha256(weights), description.WeightsSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelBundleException($"'{Path.Combine(memberFolder, ModelBundle.WeightsFileName)}' does not match the SHA-256 recorded in '{jsonPath}': the weights are from another model.");
        }

        return new ModelBundle(memberFolder, version, description, parts, weights);
    }

    /// <summary>The members agree with the ensemble and with each other: the same symbol, interval, kind, horizon and targets.</summary>
    private static void Check(EnsembleDescription ensemble, ModelDescription[] members, string file)
    {
        if (members.Length is < MinimumMembers or > MaximumMembers)
        {
            throw new ModelBundleException($"'{file}': field 'members' lists {members.Length} members; an ensemble has {MinimumMembers} to {MaximumMembers}.");
        }

        if (ensemble.Name is null || !RunPaths.IsValidModelName(ensemble.Name))
        {
            throw new ModelBundleException($"'{file}': field 'name' is '{ensemble.Name}'; must be 1-40 lower-case letters, digits or '-'.");
        }

        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            var entry = ensemble.Members[i];
            string? problem =
                member.Symbol != ensemble.Symbol ? $"symbol {member.Symbol}, the ensemble's is {ensemble.Symbol}"
                : member.Interval != ensemble.Interval ? $"interval {member.Interval}, the ensemble's is {ensemble.Interval}"
                : member.Architecture.Kind != ensemble.Kind ? $"a '{member.Architecture.Kind}' model, the ensemble's kind is '{ensemble.Kind}'"
                : member.Horizon != ensemble.Horizon ? string.Create(CultureInfo.InvariantCulture, $"horizon {member.Horizon}, the ensemble's is {ensemble.Horizon}")
                : !member.Targets.SequenceEqual(ensemble.Targets ?? [], StringComparer.Ordinal) ? $"targets [{string.Join(", ", member.Targets)}], the ensemble's are [{string.Join(", ", ensemble.Targets ?? [])}]"
                : member.Architecture.Name != entry.Model ? $"architecture {member.Architecture.Name}, 'members[{i}].model' is {entry.Model}"
                : member.Training.Seed != entry.Seed ? string.Create(CultureInfo.InvariantCulture, $"seed {member.Training.Seed}, 'members[{i}].seed' is {entry.Seed}")
                : null;
            if (problem is not null)
            {
                throw new ModelBundleException($"'{file}': member {i} ({entry.Path}) has {problem}.");
            }
        }
    }

    private static bool IsMemberFile(string name)
    {
        var parts = name.Split('/');
        return parts.Length == 3 && parts[0] == MembersFolderName && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && MemberPath(index) == $"{parts[0]}/{parts[1]}" && parts[2] is ModelBundle.DescriptionFileName or ModelBundle.WeightsFileName;
    }

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelBundleException($"Cannot read '{path}': {e.Message}", e);
        }
    }
}
