namespace CryptoPredict.Core.Evaluation;

/// <summary>Something an evaluation tells its user on the way (samples left out, other candles than the trained ones).</summary>
/// <param name="IsWarning">True when the result may not be what the user expects; false for plain information.</param>
/// <param name="Message">One line, in words.</param>
public sealed record EvaluationNote(bool IsWarning, string Message);
