using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Core.Models;

/// <summary>
/// A network that maps a batch of windows [batch, window, features] (scaled features, float32) to
/// [batch, <see cref="Outputs"/>]: scaled targets for regressors, unnormalised class scores (logits) for
/// classifiers. Parameter names are stable: checkpoints and model bundles are keyed by them.
/// </summary>
public abstract class ForecastModel : Module<Tensor, Tensor>
{
    protected ForecastModel(int inputFeatures, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        InputFeatures = inputFeatures;
        Outputs = outputs;
    }

    /// <summary>Columns per time step the model was built for.</summary>
    public int InputFeatures { get; }

    /// <summary>Values per sample the model returns.</summary>
    public int Outputs { get; }

    /// <summary>
    /// What changed in this network since its first version, recorded in model.json's <c>architecture.network</c>
    /// (bundles made before say the class name alone); null for a network as first built.
    /// </summary>
    public virtual string? Revision => null;

    /// <summary>The class name, with <see cref="Revision"/> when there is one.</summary>
    public string NetworkName => Revision is { } revision ? $"{GetType().Name} ({revision})" : GetType().Name;

    /// <summary>Throws a clear error when a batch does not have the [batch, window, features] shape this model takes.</summary>
    protected void RequireInputShape(Tensor input, int minimumWindow = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.Shape;
        if (shape.Length != 3 || shape[2] != InputFeatures || shape[1] < minimumWindow)
        {
            throw new ArgumentException(
                $"{GetType().Name} takes [batch, window >= {minimumWindow}, {InputFeatures}] inputs, got [{string.Join(", ", shape)}].",
                nameof(input));
        }
    }
}
