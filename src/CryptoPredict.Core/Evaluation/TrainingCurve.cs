namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Loss per epoch from training. <paramref name="Train"/> has one value per epoch; <paramref name="Validation"/> has one per
/// epoch or is empty when there was no validation split. Non-finite losses are left out of the plot.
/// </summary>
/// <param name="Epochs">Epoch numbers, increasing.</param>
/// <param name="Train">Training loss per epoch.</param>
/// <param name="Validation">Validation loss per epoch, or empty.</param>
public sealed record TrainingCurve(IReadOnlyList<int> Epochs, IReadOnlyList<double> Train, IReadOnlyList<double> Validation);
