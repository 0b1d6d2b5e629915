using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Torch.Tests;

public class ErrorTests
{
    [Fact]
    public void Shape_mismatch_is_a_TorchException_and_the_process_keeps_working()
    {
        using var scope = Torch.NewDisposeScope();
        var a = Torch.Ones([2, 3]);
        var b = Torch.Ones([4, 5]);
        var act = () => a.MatMul(b);
        act.Should().Throw<TorchException>().WithMessage("matmul([2, 3], [4, 5]):*").Which.NativeMessage.Should().Contain("cannot be multiplied");
        a.MatMul(Torch.Ones([3, 1])).Sum().Item<float>().Should().Be(6);
    }

    [Fact]
    public void Wrong_input_to_a_layer_names_the_layer_and_shape()
    {
        using var lstm = new LSTM(4, 8);
        using var scope = Torch.NewDisposeScope();
        var act = () => lstm.Forward(Torch.Ones([2, 5, 3]));
        act.Should().Throw<TorchException>().WithMessage("LSTM.forward([2, 5, 3]):*");
    }

    [Fact]
    public void Bool_attention_masks_are_refused()
    {
        using var mha = new MultiheadAttention(4, 2);
        using var scope = Torch.NewDisposeScope();
        var x = Torch.Ones([1, 3, 4]);
        var act = () => mha.Forward(x, x, x, attentionMask: Torch.Ones([3, 3]).Gt(0));
        act.Should().Throw<TorchException>().WithMessage("*additive float mask*");
    }

    [Fact]
    public void Missing_or_foreign_file_is_a_TorchException()
    {
        using var model = new Linear(2, 2);
        ((Action)(() => Serialization.ModuleState.Load(model, "/nonexistent/model.cpt"))).Should().Throw<TorchException>().WithMessage("*Cannot read state file*");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "timestamp,open\n");
            ((Action)(() => Serialization.ModuleState.Load(model, path))).Should().Throw<TorchException>().WithMessage("*not a CryptoPredict state file*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [NoCudaFact]
    public void Cuda_when_unavailable_is_a_TorchException()
    {
        var act = () => Torch.Zeros([2], device: Device.Cuda());
        act.Should().Throw<TorchException>().WithMessage("zeros:*");
        using var after = Torch.Zeros([2]);
        after.Sum().Item<float>().Should().Be(0);
    }

    [Fact]
    public void Invalid_arguments_are_reported()
    {
        ((Action)(() => new LSTM(3, 4, numLayers: 1, dropout: 0.2).Dispose())).Should().Throw<TorchException>().WithMessage("*at least 2 layers*");
        ((Action)(() => new MultiheadAttention(6, 4).Dispose())).Should().Throw<TorchException>().WithMessage("*divisible*");
        using var l = new Linear(2, 2);
        ((Action)(() => new Optim.Adam(l.Parameters(), lr: -1).Dispose())).Should().Throw<TorchException>().WithMessage("*learning rate*");
        using var t = Torch.Ones([2]);
        ((Action)(() => t.Item<float>())).Should().Throw<InvalidOperationException>();
    }
}
