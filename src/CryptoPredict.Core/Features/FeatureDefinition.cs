namespace CryptoPredict.Core.Features;

/// <summary>
/// One feature column: its stable <paramref name="Name"/> (the column header), what it is, and how
/// it is computed. The computation returns one value per candle, NaN during warm-up, and reads no
/// candle after the row it writes.
/// </summary>
public sealed record FeatureDefinition(string Name, string Description, Func<FeatureContext, double[]> Compute);
