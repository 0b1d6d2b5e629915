using CryptoPredict.Torch;

namespace CryptoPredict.Core.Models;

/// <summary>
/// The pinball (quantile) loss: for a level τ and an error e = y − q, τ·e when the actual lies above the quantile,
/// (τ − 1)·e below it; its expectation is smallest at the τ-quantile of y, so a head trained on it learns that quantile.
/// Written as τ·relu(e) + (1 − τ)·relu(−e), mean over samples, targets and levels.
/// </summary>
public sealed class QuantileLoss : IDisposable
{
    private readonly ForecastHeads _heads;
    private readonly Tensor _levels;

    public QuantileLoss(ForecastHeads heads, Device device)
    {
        ArgumentNullException.ThrowIfNull(heads);
        if (!heads.HasQuantiles)
        {
            throw new ArgumentException("A quantile loss needs at least one quantile level.", nameof(heads));
        }

        _heads = heads;
        using var host = Torch.Torch.FromArray(heads.Quantiles.Select(q => (float)q).ToArray(), [1, 1, heads.Quantiles.Count]);
        _levels = (device.IsCuda ? host.To(device) : host.Clone()).DetachFromDisposeScope();
    }

    /// <summary>Mean pinball loss of the quantile columns of <paramref name="output"/> [batch, outputs] against <paramref name="target"/> [batch, targets].</summary>
    public Tensor Compute(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = Torch.Torch.NewDisposeScope();
        var batch = output.Shape[0];
        var quantiles = output.Narrow(1, _heads.Targets, _heads.Targets * _heads.Quantiles.Count)
            .Reshape(batch, _heads.Targets, _heads.Quantiles.Count);                     // [B, T, Q]
        var error = target.Unsqueeze(2) - quantiles;                                       // y − q
        var loss = (_levels * error.Relu()) + ((1.0 - _levels) * (-error).Relu());
        return loss.Mean().MoveToOuterDisposeScope();
    }

    public void Dispose() => _levels.Dispose();
}
