namespace CryptoPredict.Core.Indicators;

/// <summary>Slow stochastic: <see cref="K"/> is the smoothed %K, <see cref="D"/> its moving average.</summary>
public sealed record StochasticResult(double[] K, double[] D);
