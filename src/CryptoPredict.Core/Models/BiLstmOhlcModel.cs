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
/// open forecast is the last close exactly (log return 0), the strongest simple forecast of the next open (a candle
/// opens at the previous close to about 1e-5 on Binance, exactly in 45% of BTCUSDT's hours). Its output is multiplied
/// by a fixed <see cref="OpenGain"/>, in new models <see cref="ResidualGain"/> = 0, which keeps the open at the last
/// close. Measured on 5,000 BTCUSDT candles (4 epochs), the learned residual made the open's test MAE 137x the last
/// close's at gain 1, 25x with the ordering no longer pulling it (below), 1.3x at gain 0.01 and 1.9x at 0.001: the
/// residual's median is 0, so the MAE-best forecast is the last close, and a residual trained on squared error drifts
/// towards the mean. The ordering (high, low) uses the open's value without passing its gradient to it, so only the
/// open's own loss would move it. The layer shapes are the seed's;
/// <see cref="Revision"/> records the gain in model.json, and bundles without it load with gain 1, as they were
/// trained (<see cref="OpenGainOf"/>).
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

    /// <summary>The open residual's fixed gain in new models.</summary>
    public const double ResidualGain = 0;

    private const string GainRevisionPrefix = "open head: residual on the last close, zero-initialised, gain ";

    public BiLstmOhlcModel(int inputFeatures)
        : this(inputFeatures, ResidualGain)
    {
    }

    /// <param name="inputFeatures">Feature columns per candle.</param>
    /// <param name="openGain">The fixed factor on the open head's output (1 for bundles made before the gain).</param>
    public BiLstmOhlcModel(int inputFeatures, double openGain)
        : base(inputFeatures, outputs: 4)
    {
        if (!(openGain >= 0 && openGain <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(openGain), openGain, "The open gain is in [0, 1].");
        }

        OpenGain = openGain;
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

    /// <summary>The fixed factor on the open head's output.</summary>
    public double OpenGain { get; }

    public override string? Revision => OpenGain == 1
        ? "open head: residual on the last close, zero-initialised"
        : GainRevisionPrefix + OpenGain.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The open gain of a bundle whose model.json names <paramref name="network"/> (<see cref="ForecastModel.NetworkName"/>):
    /// the recorded gain, or 1 for bundles made before it (they were trained without one).
    /// </summary>
    public static double OpenGainOf(string? network)
    {
        var at = network?.IndexOf(GainRevisionPrefix, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return 1;
        }

        var text = network![(at + GainRevisionPrefix.Length)..].TrimEnd(')');
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var gain) && gain >= 0 && gain <= 1
            ? gain
            : throw new FormatException($"The network '{network}' records an open gain '{text}' that is not a number in [0, 1].");
    }

    public override Tensor Forward(Tensor input)
    {
        RequireInputShape(input);
        using var scope = Torch.Torch.NewDisposeScope();
        var sequence = _lstm1.Forward(input).Output;                             // [B, T, 256]
        sequence = _lstm2.Forward(_dropout.Forward(sequence)).Output;            // [B, T, 128]
        var final = _lstm3.Forward(_dropout.Forward(sequence)).HiddenState;      // [2, B, 32]: forward, backward
        var last = final.Transpose(0, 1).Flatten(1);                             // [B, 64] = [forward | backward]
        var z = _fc2.Forward(_fc1.Forward(_dropout.Forward(last)).Relu()).Relu(); // [B, 32]
        var open = OpenGain == 1 ? _open.Forward(z) : _open.Forward(z) * OpenGain;
        var close = _close.Forward(z);
        var anchor = open.Detach(); // the ordering uses the open's value, but only the open's own loss moves it
        var high = anchor.Maximum(close) + _high.Forward(z).Softplus();
        var low = anchor.Minimum(close) - _low.Forward(z).Softplus();
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
