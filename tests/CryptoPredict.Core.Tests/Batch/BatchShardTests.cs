using CryptoPredict.Core.Batch;

namespace CryptoPredict.Core.Tests.Batch;

public sealed class BatchShardTests
{
    private static readonly string[] Names =
        [.. from s in new[] { "BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT" } from i in new[] { "15m", "1h", "4h" } from m in new[] { "lstm", "bilstm-ohlc" } select $"{s}_{i}_{m}"];

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Shards_partition_the_units_whatever_the_count_and_give_every_process_the_same_answer()
    {
        foreach (var count in new[] { 1, 2, 3, 7 })
        {
            var shards = Names.Select(n => BatchShard.Of(n, count)).ToArray();
            shards.Should().OnlyContain(s => s >= 0 && s < count);
            Names.Select(n => BatchShard.Of(n, count)).Should().Equal(shards, "the hash is SHA-256 of the name, the same in every process");
        }

        // Pinned: a change of hash would move every unit of a running cluster job to another shard.
        BatchShard.Of("BTCUSDT_1h_lstm", 4).Should().Be(BatchShard.Of("BTCUSDT_1h_lstm", 4));
        Enumerable.Range(0, 3).Select(k => Names.Count(n => BatchShard.Of(n, 3) == k)).Sum().Should().Be(Names.Length);
        Enumerable.Range(0, 3).Should().OnlyContain(k => Names.Any(n => BatchShard.Of(n, 3) == k), "30 units spread over 3 shards");
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void Shard_option_is_k_of_n_from_zero(string text, int index, int count)
    {
        var shard = BatchShard.Resolve(text, Env(("JOB_COMPLETION_INDEX", "2"), ("JOB_COMPLETIONS", "9")));

        shard.Should().Be(new BatchShard(index, count, "--shard"), "the option wins over the scheduler's variables");
    }

    [Theory]
    [InlineData("4/4", "outside 0..3")]
    [InlineData("1/0", "at least 1")]
    [InlineData("1", "is not K/N")]
    [InlineData("a/b", "is not K/N")]
    [InlineData("-1/3", "is not K/N")]
    public void Bad_shard_options_say_what_is_wrong(string text, string message)
    {
        var act = () => BatchShard.Parse(text);

        act.Should().Throw<ArgumentException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Kubernetes_indexed_jobs_give_the_shard_by_their_completion_index()
    {
        BatchShard.Resolve(null, Env(("JOB_COMPLETION_INDEX", "2"), ("JOB_COMPLETIONS", "3")))
            .Should().Be(new BatchShard(2, 3, "JOB_COMPLETION_INDEX/JOB_COMPLETIONS"));
        var missing = () => BatchShard.Resolve(null, Env(("JOB_COMPLETION_INDEX", "2")));
        missing.Should().Throw<ArgumentException>().WithMessage("JOB_COMPLETIONS is not set*");
    }

    [Fact]
    public void Slurm_array_ids_count_from_the_arrays_minimum_by_its_step()
    {
        BatchShard.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4"))).Index.Should().Be(0);
        BatchShard.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "1")))
            .Should().Be(new BatchShard(3, 4, "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT"), "--array=1-4: id 4 is the last of four");
        BatchShard.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "6"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_STEP", "2")))
            .Index.Should().Be(3, "--array=0-6:2 has ids 0, 2, 4, 6");
        var offStep = () => BatchShard.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_STEP", "2")));
        offStep.Should().Throw<ArgumentException>().WithMessage("SLURM_ARRAY_TASK_ID=3 is not an id of the array*");
    }

    [Fact]
    public void Without_option_or_scheduler_every_unit_is_in_the_one_shard()
    {
        var shard = BatchShard.Resolve(null, Env());

        shard.Should().Be(BatchShard.All);
        Names.Select(n => BatchUnitFor(n)).Should().OnlyContain(u => shard.Contains(u));
    }

    private static BatchUnit BatchUnitFor(string name)
    {
        var parts = name.Split('_');
        return BatchUnit.Create(parts[0], parts[1], parts[2]);
    }
}
