using System.Globalization;
using CryptoPredict.Torch.Nn;
using CryptoPredict.Torch.Optim;
using F = CryptoPredict.Torch.Nn.Functional;

namespace CryptoPredict.Torch.Tests;

public class MemoryTests
{
    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("VmRSS not found in /proc/self/status");
    }

    [Fact]
    public void Ten_thousand_training_steps_leak_no_tensors_and_little_memory()
    {
        Torch.ManualSeed(8);
        using var model = new TinyRegressor(inputs: 3, hidden: 8);
        using var optimizer = new Adam(model.NamedParameters());
        using var x = Torch.Randn([8, 6, 3]);
        using var y = Torch.Randn([8, 1]);

        void Step()
        {
            using var scope = Torch.NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = F.MseLoss(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
        }

        for (var i = 0; i < 200; i++)
        {
            Step(); // warm-up: allocator pools and optimizer state reach their steady size
        }

        // Tensors other tests left to the finalizer must be gone before the baseline is taken.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var tensors = Torch.LiveTensorCount;
        var rss = ResidentBytes();
        for (var i = 0; i < 10_000; i++)
        {
            Step();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Torch.LiveTensorCount.Should().Be(tensors, "a training step inside a dispose scope must free every tensor it creates");
        (ResidentBytes() - rss).Should().BeLessThan(50L * 1024 * 1024, "native memory must stay flat over 10,000 steps");
    }
}
