using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Core.Models;

/// <summary>
/// The training loss of an architecture, mean over the batch: MSE for closes; for OHLC the seeds' weighted sum
/// of per-head MSEs (1.0 open and close, 0.8 high and low); Huber (delta 1) for volatility; cross-entropy,
/// optionally class-weighted, for regimes (targets hold class indices). Constant tensors live on the
/// training device, made once. With quantile heads (<see cref="ForecastHeads"/>) the loss is that of the point columns
/// plus the mean pinball loss of the quantile columns (<see cref="QuantileLoss"/>), so the point forecast is trained as before.
/// </summary>
public sealed class ForecastLoss : IDisposable
{
    /// <summary>Head weights in output order open, high, low, close.</summary>
    public static readonly IReadOnlyList<double> OhlcWeights = [1.0, 0.8, 0.8, 1.0];

    private readonly ForecastKind _kind;
    private readonly Tensor? _weights;
    private readonly ForecastHeads? _heads;
    private readonly QuantileLoss? _quantiles;

    public ForecastLoss(ForecastKind kind, Device device, IReadOnlyList<double>? classWeights = null, ForecastHeads? heads = null)
    {
        _kind = kind;
        if (heads is { HasQuantiles: true })
        {
            _heads = heads;
            _quantiles = new QuantileLoss(heads, device);
        }

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
        if (_quantiles is not null)
        {
            using var point = output.Narrow(1, 0, _heads!.Targets);
            using var pointLoss = PointLoss(point, target);
            using var pinball = _quantiles.Compute(output, target);
            return pointLoss + pinball;
        }

        return PointLoss(output, target);
    }

    private Tensor PointLoss(Tensor output, Tensor target)
    {
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

    public void Dispose()
    {
        _weights?.Dispose();
        _quantiles?.Dispose();
    }

    private static Tensor Constant(IReadOnlyList<double> values, Device device)
    {
        var data = values.Select(v => (float)v).ToArray();
        using var host = Torch.Torch.FromArray(data);
        var tensor = device.IsCuda ? host.To(device) : host.Clone();
        return tensor.DetachFromDisposeScope();
    }
}
