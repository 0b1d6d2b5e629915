using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Bench.Training;

/// <summary>The foundation benchmark model: 2-layer bidirectional LSTM(13 -> 128), Linear(256 -> 1) on the last step.</summary>
internal sealed class BiLstm2 : Module<Tensor, Tensor>
{
    private readonly LSTM _lstm;
    private readonly Linear _head;

    public BiLstm2(long features = 13, long hidden = 128)
    {
        _lstm = RegisterModule("lstm", new LSTM(features, hidden, numLayers: 2, bidirectional: true));
        _head = RegisterModule("head", new Linear(2 * hidden, 1));
    }

    public override Tensor Forward(Tensor input)
    {
        using var scope = Torch.Torch.NewDisposeScope();
        var output = _lstm.Forward(input).Output;
        return _head.Forward(output.Select(1, -1)).MoveToOuterDisposeScope();
    }
}
