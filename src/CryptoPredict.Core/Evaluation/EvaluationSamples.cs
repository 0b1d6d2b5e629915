using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// The samples an evaluation scores: sample indices of <see cref="Dataset"/> (the bundle's windows and targets over the
/// candles), increasing, never empty (<see cref="Evaluator.SelectSamples"/> refuses that).
/// </summary>
public sealed class EvaluationSamples
{
    internal EvaluationSamples(ModelBundle bundle, CandleSeries series, WindowedDataset dataset, EvaluationPart part, int[] samples, int[] trainingSamples, int[] validationSamples)
    {
        TrainingSamples = trainingSamples;
        ValidationSamples = validationSamples;
        Bundle = bundle;
        Series = series;
        Dataset = dataset;
        Part = part;
        Samples = samples;
        EndRows = samples.Select(dataset.EndRow).ToArray();
    }

    public ModelBundle Bundle { get; }

    public CandleSeries Series { get; }

    public WindowedDataset Dataset { get; }

    public EvaluationPart Part { get; }

    public IReadOnlyList<int> Samples { get; }

    /// <summary>Per sample, the row of its last input candle (the forecast origin), the row the forecaster is run at.</summary>
    public IReadOnlyList<int> EndRows { get; }

    public int Count => Samples.Count;

    /// <summary>
    /// The samples of <see cref="Dataset"/> in the bundle's training part (the split itself on the candles trained on, else
    /// those in its recorded training time range; possibly none): the only ones baselines are fitted on.
    /// </summary>
    public IReadOnlyList<int> TrainingSamples { get; }

    /// <summary>
    /// The samples in the bundle's validation part, found as <see cref="TrainingSamples"/> are (possibly none): where the
    /// strongest baseline is chosen, so that choice never looks at the samples scored.
    /// </summary>
    public IReadOnlyList<int> ValidationSamples { get; }

    /// <summary>Open time of the first sample's last input candle (as the bundle's split records its ranges).</summary>
    public DateTime From => Dataset.EndTime(Samples[0]);

    /// <summary>Open time of the last sample's last input candle.</summary>
    public DateTime To => Dataset.EndTime(Samples[^1]);
}
