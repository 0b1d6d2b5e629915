using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Core.Models;

/// <summary>
/// The training loss of an architecture, mean over the batch: MSE for closes; for OHLC the seeds' weighted sum
/// of per-head MSEs (1.0 open and close, 0.8 high and low); Huber (delta 1) for volatility; cross-entropy,
/// optionally class-weighted, for regimes (targets hold class indices). Constant tensors live on the
/// training device, made once.
/// </summary>
public sealed class ForecastLoss : IDisposable
{
    /// <summary>Head weights in output order open, high, low, close.</summary>
    public static readonly IReadOnlyList<double> OhlcWeights = [1.0, 0.8, 0.8, 1.0];

    private readonly ForecastKind _kind;
    private readonly Tensor? _weights;

    public ForecastLoss(ForecastKind kind, Device device, IReadOnlyList<double>? classWeights = null)
    {
        _kind = kind;
        if (kind == ForecastKind.Ohlc)
        {
            _weights = Constant(OhlcWeights, device);
        }
        else if (kind == ForecastKind.Regime && classWeights is not null)
        {
            _weights = Constant(classWeights, device);
        }
    }

    /// <summary>Loss of <paramref name="output"/> [batch, outputs] against scaled <paramref name="target"/> [batch, targets].</summary>
    public Tensor Compute(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        switch (_kind)
        {
            case ForecastKind.Ohlc:
                using (var squared = (output - target).Square())
                using (var perHead = squared.Mean(0))
                using (var weighted = perHead * _weights!)
                {
                    return weighted.Sum();
                }

            case ForecastKind.Volatility:
                return Functional.HuberLoss(output, target, delta: 1.0);
            case ForecastKind.Regime:
                using (var flat = target.Flatten())
                using (var labels = flat.To(ScalarType.Int64))
                {
                    return Functional.CrossEntropy(output, labels, _weights);
                }

            default:
                return Functional.MseLoss(output, target);
        }
    }

    public void Dispose() => _weights?.Dispose();

    private static Tensor Constant(IReadOnlyList<double> values, Device device)
    {
        var data = values.Select(v => (float)v).ToArray();
        using var host = Torch.Torch.FromArray(data);
        var tensor = device.IsCuda ? host.To(device) : host.Clone();
        return tensor.DetachFromDisposeScope();
    }
}
