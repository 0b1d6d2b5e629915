using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Core.Models;

/// <summary>
/// Seed 003 (lstm_simple): LSTM(50) over the sequence → Dropout(0.2) → LSTM(50), final hidden state →
/// Linear(50→1). One scaled regression target (the next close): output [batch, 1].
/// Layer for layer the <c>lstm_simple</c> model of <c>bench/pytorch/reference.py</c> (31,051 parameters for F = 1).
/// </summary>
public sealed class LstmCloseModel : ForecastModel
{
    private const int Hidden = 50;

    private readonly LSTM _lstm1;
    private readonly Dropout _dropout;
    private readonly LSTM _lstm2;
    private readonly Linear _fc;

    public LstmCloseModel(int inputFeatures)
        : this(inputFeatures, outputs: 1)
    {
    }

    /// <summary>The same network with <paramref name="outputs"/> columns in its last layer (see <see cref="ForecastHeads"/>).</summary>
    public LstmCloseModel(int inputFeatures, int outputs)
        : base(inputFeatures, outputs)
    {
        _lstm1 = RegisterModule("l1", new LSTM(inputFeatures, Hidden));
        _dropout = RegisterModule("drop", new Dropout(0.2));
        _lstm2 = RegisterModule("l2", new LSTM(Hidden, Hidden));
        _fc = RegisterModule("fc", new Linear(Hidden, outputs));
    }

    public override Tensor Forward(Tensor input)
    {
        RequireInputShape(input);
        using var scope = Torch.Torch.NewDisposeScope();
        var sequence = _lstm1.Forward(input).Output;
        var last = _lstm2.Forward(_dropout.Forward(sequence)).HiddenState.Select(0, -1); // [B, 50]
        return _fc.Forward(last).MoveToOuterDisposeScope();
    }
}
