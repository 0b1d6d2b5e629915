namespace CryptoPredict.TestExchange;

/// <summary>A request the stand-in received: when (on its clock), the query, and the status it answered (0: no answer).</summary>
public sealed record StandInRequest(DateTime At, string Query, string Symbol, string Interval, long StartTime, long EndTime, int Limit, int Status);
