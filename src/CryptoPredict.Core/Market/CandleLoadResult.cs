namespace CryptoPredict.Core.Market;

/// <summary>A loaded series and the report of what loading found.</summary>
public sealed record CandleLoadResult(CandleSeries Series, DataQualityReport Report);
