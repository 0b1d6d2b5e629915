using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Prediction;

/// <summary>
/// What runs a bundle's network over windows: libtorch (<see cref="Forecaster"/>) or ONNX Runtime
/// (<see cref="OnnxForecastEngine"/>). <see cref="Predictor"/> and <c>serve</c> take either; both return the same
/// values up to float32 rounding.
/// </summary>
public interface IForecastEngine : IDisposable
{
    ModelBundle Bundle { get; }

    /// <summary>What runs the network, for messages and benchmarks (<c>libtorch cpu</c>, <c>onnxruntime cpu</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Forecasts for the windows ending at <paramref name="endRows"/>, row-major [rows, outputs]: target units for
    /// regressors (log returns against the end row's close, volatility), class probabilities for classifiers.
    /// A <see cref="ForecastDataException"/> names the first window that is not usable.
    /// </summary>
    double[] Forecast(InputWindows windows, IReadOnlyList<int> endRows);
}
