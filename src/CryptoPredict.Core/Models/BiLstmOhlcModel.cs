using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Core.Models;

/// <summary>
/// Seed 001 (bilstm_ohlc): BiLSTM(128) → Dropout(0.2) → BiLSTM(64) → Dropout(0.2) → BiLSTM(32), whose last step is
/// the concatenation of the final forward and final backward hidden states (Keras <c>Bidirectional</c>) →
/// Dropout(0.2) → Linear(64→64)+ReLU → Linear(64→32)+ReLU → four heads Linear(32→1) named open, high, low, close.
/// Layer for layer the <c>bilstm_ohlc</c> model of <c>bench/pytorch/reference.py</c> (359,140 parameters for F = 13).
/// </summary>
/// <remarks>
/// Output [batch, 4] in the order open, high, low, close (<see cref="OpenColumn"/> ...). The candle is consistent by
/// construction, not clipped afterwards: with o and c the open and close heads,
/// high = max(o, c) + softplus(high head) and low = min(o, c) − softplus(low head), so
/// low ≤ min(open, close) ≤ max(open, close) ≤ high for any weights and inputs.
/// The four values are log returns against the last known close divided by one shared positive scale (the trainer
/// scales all four targets with the same factor). Turning them into prices, close₀ · exp(scale · value), is
/// increasing in the value, so the ordering holds for the prices too; see <see cref="ToPrices"/>.
/// <para>
/// The open head is a residual on the last close: its weights and bias start at zero, so before any training the
/// open forecast is the last close exactly (log return 0), the strongest simple forecast of the next open, and
/// training can only move it where the loss says so. The layer shapes are the seed's, so bundles made before load
/// unchanged; <see cref="Revision"/> records the change in model.json.
/// </para>
/// </remarks>
public sealed class BiLstmOhlcModel : ForecastModel
{
    public const int OpenColumn = 0;
    public const int HighColumn = 1;
    public const int LowColumn = 2;
    public const int CloseColumn = 3;

    private readonly LSTM _lstm1;
    private readonly LSTM _lstm2;
    private readonly LSTM _lstm3;
    private readonly Dropout _dropout;
    private readonly Linear _fc1;
    private readonly Linear _fc2;
    private readonly Linear _open;
    private readonly Linear _high;
    private readonly Linear _low;
    private readonly Linear _close;

    public BiLstmOhlcModel(int inputFeatures)
        : base(inputFeatures, outputs: 4)
    {
        _lstm1 = RegisterModule("l1", new LSTM(inputFeatures, 128, bidirectional: true));
        _lstm2 = RegisterModule("l2", new LSTM(256, 64, bidirectional: true));
        _lstm3 = RegisterModule("l3", new LSTM(128, 32, bidirectional: true));
        _dropout = RegisterModule("drop", new Dropout(0.2));
        _fc1 = RegisterModule("fc1", new Linear(64, 64));
        _fc2 = RegisterModule("fc2", new Linear(64, 32));
        _open = RegisterModule("open", new Linear(32, 1));
        _high = RegisterModule("high", new Linear(32, 1));
        _low = RegisterModule("low", new Linear(32, 1));
        _close = RegisterModule("close", new Linear(32, 1));
        using (Torch.Torch.NoGrad())
        {
            foreach (var parameter in _open.Parameters())
            {
                parameter.ZeroInPlace();
            }
        }
    }

    public override string? Revision => "open head: residual on the last close, zero-initialised";

    public override Tensor Forward(Tensor input)
    {
        RequireInputShape(input);
        using var scope = Torch.Torch.NewDisposeScope();
        var sequence = _lstm1.Forward(input).Output;                             // [B, T, 256]
        sequence = _lstm2.Forward(_dropout.Forward(sequence)).Output;            // [B, T, 128]
        var final = _lstm3.Forward(_dropout.Forward(sequence)).HiddenState;      // [2, B, 32]: forward, backward
        var last = final.Transpose(0, 1).Flatten(1);                             // [B, 64] = [forward | backward]
        var z = _fc2.Forward(_fc1.Forward(_dropout.Forward(last)).Relu()).Relu(); // [B, 32]
        var open = _open.Forward(z);
        var close = _close.Forward(z);
        var high = open.Maximum(close) + _high.Forward(z).Softplus();
        var low = open.Minimum(close) - _low.Forward(z).Softplus();
        return Torch.Torch.Cat([open, high, low, close], dim: 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Prices of one output row: close₀ · exp(scale · value + shift) per column, where <paramref name="scale"/> (&gt; 0)
    /// and <paramref name="shift"/> are the ones the trainer applied to all four log-return targets. Monotone, so the
    /// row's low ≤ open, close ≤ high ordering carries over to the prices.
    /// </summary>
    public static (double Open, double High, double Low, double Close) ToPrices(ReadOnlySpan<float> row, double lastClose, double scale, double shift = 0)
    {
        if (row.Length != 4)
        {
            throw new ArgumentException($"An OHLC output row has 4 values (open, high, low, close), got {row.Length}.", nameof(row));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lastClose);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        return (Price(row[OpenColumn]), Price(row[HighColumn]), Price(row[LowColumn]), Price(row[CloseColumn]));

        double Price(float value) => lastClose * Math.Exp(scale * value + shift);
    }
}
