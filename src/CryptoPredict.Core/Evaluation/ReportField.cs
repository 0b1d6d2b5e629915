namespace CryptoPredict.Core.Evaluation;

/// <summary>An extra row of the report's metadata table, e.g. ("target", "next_close") or ("window", "60").</summary>
public sealed record ReportField(string Name, string Value);
