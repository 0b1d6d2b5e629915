using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Torch.Tests;

/// <summary>A small composite model (LSTM, then a linear head on the last step) used by the training tests.</summary>
internal sealed class TinyRegressor : Module<Tensor, Tensor>
{
    private readonly LSTM _lstm;
    private readonly Linear _head;

    public TinyRegressor(long inputs = 1, long hidden = 16, long layers = 1)
    {
        _lstm = RegisterModule("lstm", new LSTM(inputs, hidden, layers));
        _head = RegisterModule("head", new Linear(hidden, 1));
    }

    public override Tensor Forward(Tensor input)
    {
        using var scope = Torch.NewDisposeScope();
        var sequence = _lstm.Forward(input).Output;
        var last = sequence.Select(1, -1);
        return _head.Forward(last).MoveToOuterDisposeScope();
    }
}
