namespace CryptoPredict.Core.Evaluation;

/// <summary>What a target's forecasts are judged on beside their errors.</summary>
public enum DirectionMeasure
{
    /// <summary>The sign of the move from the reference (last close, last volatility); persistence has none.</summary>
    AgainstReference,

    /// <summary>A next high: the hit rate of the excursion (<see cref="Baselines.ExcursionBaseline.HitRate"/>); its sign against the last close is trivial.</summary>
    HighExcursion,

    /// <summary>A next low, as <see cref="HighExcursion"/>.</summary>
    LowExcursion,
}
