namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// One fold of a walk-forward evaluation: its model is trained on every sample before <see cref="TestFrom"/> (train and
/// validation, purged) and tested on the samples from <see cref="TestFrom"/> to <see cref="TestTo"/> (the purge gap
/// after validation removed from their start). It reads the first <see cref="Candles"/> candles only: the last one is
/// the label of its last test sample, so nothing later can reach it.
/// </summary>
/// <param name="Number">1-based, in time order.</param>
/// <param name="TestFrom">Open time of the last input candle of the block's first sample.</param>
/// <param name="TestTo">Open time of the last input candle of the block's last sample.</param>
/// <param name="Candles">How many candles from the series' start the fold reads.</param>
public sealed record WalkForwardFold(int Number, DateTime TestFrom, DateTime TestTo, int Candles);
