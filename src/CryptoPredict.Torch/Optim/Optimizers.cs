namespace CryptoPredict.Torch.Optim;

/// <summary>Adam (Kingma and Ba), with L2 weight decay added to the gradient, as torch.optim.Adam.</summary>
public sealed class Adam : Optimizer
{
    public Adam(IEnumerable<KeyValuePair<string, Tensor>> namedParameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsGrad = false)
        : base("Adam", 0, namedParameters, new OptimizerSettings(lr, beta1, beta2, eps, weightDecay, AmsGrad: amsGrad))
    {
    }

    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0, bool amsGrad = false)
        : this(Numbered(parameters), lr, beta1, beta2, eps, weightDecay, amsGrad)
    {
    }
}

/// <summary>AdamW: Adam with decoupled weight decay, as torch.optim.AdamW.</summary>
public sealed class AdamW : Optimizer
{
    public AdamW(IEnumerable<KeyValuePair<string, Tensor>> namedParameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2, bool amsGrad = false)
        : base("AdamW", 1, namedParameters, new OptimizerSettings(lr, beta1, beta2, eps, weightDecay, AmsGrad: amsGrad))
    {
    }

    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 1e-2, bool amsGrad = false)
        : this(Numbered(parameters), lr, beta1, beta2, eps, weightDecay, amsGrad)
    {
    }
}

/// <summary>Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD.</summary>
public sealed class Sgd : Optimizer
{
    public Sgd(IEnumerable<KeyValuePair<string, Tensor>> namedParameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false)
        : base("SGD", 2, namedParameters, new OptimizerSettings(lr, WeightDecay: weightDecay, Momentum: momentum, Dampening: dampening, Nesterov: nesterov))
    {
    }

    public Sgd(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : this(Numbered(parameters), lr, momentum, dampening, weightDecay, nesterov)
    {
    }
}
