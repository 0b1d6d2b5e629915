namespace CryptoPredict.Torch.Tests;

/// <summary>Which glibc malloc settings the runtime applies, and which it leaves alone and why.</summary>
public class MallocPlanTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void A_clean_environment_gets_every_setting()
    {
        var plan = TorchRuntime.PlanMalloc(Env(), tune: true);
        plan.Select(s => s.Variable).Should().Equal("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_");
        plan.Should().OnlyContain(s => s.Skip == null);
        plan[0].Value.Should().Be(32L << 20, "glibc's largest mmap threshold");
    }

    [Fact]
    public void A_variable_already_set_is_left_as_it_is_and_the_others_applied()
    {
        var plan = TorchRuntime.PlanMalloc(Env(("MALLOC_TOP_PAD_", "4096")), tune: true);
        plan.Single(s => s.Variable == "MALLOC_TOP_PAD_").Should().Match<TorchRuntime.MallocStep>(s => s.Inherited == "4096" && s.Skip!.Contains("environment"));
        plan.Where(s => s.Variable != "MALLOC_TOP_PAD_").Should().OnlyContain(s => s.Skip == null);
    }

    [Theory]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536", "GLIBC_TUNABLES")]
    [InlineData("LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", "preloaded")]
    [InlineData("LD_PRELOAD", "libtcmalloc_minimal.so.4", "preloaded")]
    public void Malloc_options_from_elsewhere_leave_every_setting_alone(string variable, string value, string reason)
    {
        TorchRuntime.PlanMalloc(Env((variable, value)), tune: true).Should().OnlyContain(s => s.Skip != null && s.Skip.Contains(reason));
    }

    [Fact]
    public void Tunables_for_something_else_do_not_count()
    {
        TorchRuntime.PlanMalloc(Env(("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX512F")), tune: true).Should().OnlyContain(s => s.Skip == null);
    }

    [Fact]
    public void Turned_off_by_the_caller_nothing_is_applied()
    {
        TorchRuntime.PlanMalloc(Env(), tune: false).Should().OnlyContain(s => s.Skip != null && s.Skip.Contains("TuneMalloc = false"));
    }
}
