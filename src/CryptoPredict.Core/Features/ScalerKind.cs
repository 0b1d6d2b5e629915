namespace CryptoPredict.Core.Features;

/// <summary>How a <see cref="FeatureScaler"/> maps each column: <c>(x - center) / scale</c>.</summary>
public enum ScalerKind
{
    /// <summary>center = min, scale = max - min: training values land in [0, 1] (the seeds' MinMaxScaler).</summary>
    MinMax,

    /// <summary>center = mean, scale = population standard deviation (scikit-learn's StandardScaler).</summary>
    Standard,

    /// <summary>center = median, scale = interquartile range, quantiles linearly interpolated (scikit-learn's RobustScaler).</summary>
    Robust,
}
