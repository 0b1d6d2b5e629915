using CryptoPredict.Torch.Nn;
using CryptoPredict.Torch.Optim;
using CryptoPredict.Torch.Serialization;
using F = CryptoPredict.Torch.Nn.Functional;

namespace CryptoPredict.Torch.Tests;

public class CudaTests
{
    [CudaFact]
    public void Tensors_move_to_the_gpu_and_back()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.FromArray(new float[] { 1, 2, 3 }, 3).To(Device.Cuda());
        x.Device.Should().Be(Device.Cuda(0));
        (x * 2).To(Device.Cpu).ToArray<float>().Should().Equal(2, 4, 6);
        Cuda.DeviceCount.Should().BeGreaterThan(0);
        Cuda.DeviceNames().Should().NotBeEmpty();
    }

    [CudaFact]
    public void A_composite_model_trains_on_the_gpu_and_saves_to_cpu_state()
    {
        Torch.ManualSeed(1);
        using var model = new TinyRegressor(hidden: 16);
        model.To(Device.Cuda());
        model.Parameters().Should().OnlyContain(p => p.Device.IsCuda);
        using var optimizer = new Adam(model.NamedParameters(), lr: 1e-2);
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Randn([32, 10, 1], device: Device.Cuda());
        var y = x.Select(1, -1);
        var first = 0f;
        var last = 0f;
        for (var i = 0; i < 50; i++)
        {
            using var step = Torch.NewDisposeScope();
            optimizer.ZeroGrad();
            var loss = F.MseLoss(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            last = loss.Item<float>();
            if (i == 0)
            {
                first = last;
            }
        }

        last.Should().BeLessThan(first);
        var bytes = model.ToBytes();
        using var cpuCopy = new TinyRegressor(hidden: 16);
        cpuCopy.LoadBytes(bytes);
        var expected = model.Forward(x).To(Device.Cpu).ToArray<float>();
        cpuCopy.Forward(x.To(Device.Cpu)).ToArray<float>().Should().BeEquivalentTo(expected,
            o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-4f)).WhenTypeIs<float>());
        var cudaState = Torch.GetRngState(Device.Cuda());
        cudaState.Should().NotBeEmpty();
    }
}
