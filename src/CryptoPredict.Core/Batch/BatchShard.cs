using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// A static partition of a plan for cluster schedulers: shard <see cref="Index"/> of <see cref="Count"/> (0-based)
/// holds the units whose name hashes to it. The hash is SHA-256 of the name, never <c>string.GetHashCode</c> (which
/// is randomised per process), so every worker of every machine puts a unit in the same shard, and a unit keeps its
/// shard when other units are added to the plan.
/// </summary>
public sealed record BatchShard(int Index, int Count, string Source)
{
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";
    public const string KubernetesCount = "JOB_COMPLETIONS";
    public const string SlurmId = "SLURM_ARRAY_TASK_ID";
    public const string SlurmCount = "SLURM_ARRAY_TASK_COUNT";
    public const string SlurmMin = "SLURM_ARRAY_TASK_MIN";
    public const string SlurmStep = "SLURM_ARRAY_TASK_STEP";

    /// <summary>Every unit: no partition.</summary>
    public static BatchShard All { get; } = new(0, 1, "none");

    public bool Contains(BatchUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return Count == 1 || Of(unit.Name, Count) == Index;
    }

    /// <summary>The shard (0 .. <paramref name="count"/> - 1) that <paramref name="name"/> belongs to.</summary>
    public static int Of(string name, int count)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(digest) % (ulong)count);
    }

    /// <summary>
    /// <c>--shard K/N</c> (K from 0 to N - 1), or when it is not given the scheduler's variables: a Kubernetes
    /// Indexed Job's <c>JOB_COMPLETION_INDEX</c>/<c>JOB_COMPLETIONS</c>, else a Slurm array's
    /// <c>SLURM_ARRAY_TASK_ID</c>/<c>SLURM_ARRAY_TASK_COUNT</c> (ids start at <c>SLURM_ARRAY_TASK_MIN</c> and step by
    /// <c>SLURM_ARRAY_TASK_STEP</c>, so <c>--array=1-4</c> and <c>--array=0-6:2</c> both give shards 0..3), else
    /// every unit. <see cref="ArgumentException"/> names the option or variable that is wrong.
    /// </summary>
    public static BatchShard Resolve(string? option, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (option is not null)
        {
            return Parse(option);
        }

        if (environment(KubernetesIndex) is { Length: > 0 } index)
        {
            var count = Required(environment, KubernetesCount, $"{KubernetesIndex} is set");
            return Checked(Number(KubernetesIndex, index), Number(KubernetesCount, count), $"{KubernetesIndex}/{KubernetesCount}");
        }

        if (environment(SlurmId) is { Length: > 0 } id)
        {
            var count = Number(SlurmCount, Required(environment, SlurmCount, $"{SlurmId} is set"));
            var min = environment(SlurmMin) is { Length: > 0 } minText ? Number(SlurmMin, minText) : 0;
            var step = environment(SlurmStep) is { Length: > 0 } stepText ? Number(SlurmStep, stepText) : 1;
            if (step < 1)
            {
                throw new ArgumentException($"{SlurmStep}={step}: the array step must be at least 1.");
            }

            var offset = Number(SlurmId, id) - min;
            if (offset < 0 || offset % step != 0)
            {
                throw new ArgumentException(
                    $"{SlurmId}={id} is not an id of the array ({SlurmMin}={min}, {SlurmStep}={step}): ids are {min}, {min + step}, ...");
            }

            return Checked(offset / step, count, $"{SlurmId}/{SlurmCount}");
        }

        return All;
    }

    public static BatchShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new ArgumentException($"--shard '{text}' is not K/N: give the shard index K (from 0) and the shard count N, such as 0/4.");
        }

        return Checked(index, count, "--shard");
    }

    public override string ToString() => Count == 1 ? "all units" : string.Create(CultureInfo.InvariantCulture, $"shard {Index}/{Count} ({Source})");

    private static BatchShard Checked(int index, int count, string source)
    {
        if (count < 1)
        {
            throw new ArgumentException($"{source}: the shard count is {count}; it must be at least 1.");
        }

        if (index < 0 || index >= count)
        {
            throw new ArgumentException($"{source}: shard index {index} is outside 0..{count - 1} (the index counts from 0).");
        }

        return new BatchShard(index, count, source);
    }

    private static string Required(Func<string, string?> environment, string name, string because) =>
        environment(name) is { Length: > 0 } value
            ? value
            : throw new ArgumentException($"{name} is not set although {because}: the shard count is needed to partition the units.");

    private static int Number(string name, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name}='{text}' is not a whole number.");
}
