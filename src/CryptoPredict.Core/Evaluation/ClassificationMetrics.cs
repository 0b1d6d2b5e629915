namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Metrics of a probabilistic classifier (e.g. the market-regime target) over a set of samples. The predicted class
/// of a sample is the one with the highest probability (the lowest class index on a tie). A metric that is undefined
/// for the samples given is <see cref="double.NaN"/>.
/// </summary>
/// <param name="Samples">Number of samples.</param>
/// <param name="Classes">Number of classes; labels are 0..Classes-1.</param>
/// <param name="Accuracy">Fraction of samples whose predicted class is the actual one.</param>
/// <param name="LogLoss">
/// Mean of -ln p(actual class), natural log, with each probability clipped to [1e-15, 1 - 1e-15] first (scikit-learn's
/// clipping; rows are not renormalised afterwards).
/// </param>
/// <param name="Auc">
/// Macro one-vs-rest area under the ROC curve: the unweighted mean of <see cref="ClassAuc"/> over the classes where it
/// is defined. A class absent from the actual labels (or present in every sample) has no negatives or no positives,
/// so its AUC is undefined and it is left out of the mean (scikit-learn raises instead); NaN when no class qualifies.
/// </param>
/// <param name="ClassAuc">
/// Per class, the AUC of "this class vs the rest" scored by its probability column, by the rank (Mann–Whitney)
/// formula with average ranks for tied scores, so a tie between a positive and a negative counts one half; NaN where
/// undefined.
/// </param>
/// <param name="ConfusionMatrix">[actual][predicted] sample counts, Classes x Classes.</param>
/// <param name="ActualCounts">Samples per actual class (the row sums).</param>
/// <param name="PredictedCounts">Samples per predicted class (the column sums).</param>
public sealed record ClassificationMetrics(
    int Samples,
    int Classes,
    double Accuracy,
    double LogLoss,
    double Auc,
    IReadOnlyList<double> ClassAuc,
    IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix,
    IReadOnlyList<int> ActualCounts,
    IReadOnlyList<int> PredictedCounts)
{
    /// <summary>The bounds probabilities are clipped to before the log, as scikit-learn's <c>log_loss</c>.</summary>
    public const double ProbabilityEpsilon = 1e-15;

    /// <summary>How far a probability row's sum may be from 1 (float32 softmax output is well within it).</summary>
    public const double RowSumTolerance = 1e-3;

    /// <summary>
    /// Metrics of the class probabilities <paramref name="rowMajorProbabilities"/> (sample i's probability of class c at
    /// index i * classes + c) against the labels <paramref name="actual"/>. Each row must hold finite non-negative
    /// values summing to 1 (within <see cref="RowSumTolerance"/>). With no samples every metric is NaN.
    /// </summary>
    /// <exception cref="ArgumentException">A label is outside 0..classes-1, the sizes disagree, or a row is not a probability distribution.</exception>
    public static ClassificationMetrics Compute(ReadOnlySpan<int> actual, ReadOnlySpan<double> rowMajorProbabilities, int classes)
    {
        EvaluationGuard.RequireClassCount(classes);
        EvaluationGuard.RequireLabels(actual, classes, nameof(actual));
        var n = actual.Length;
        if (rowMajorProbabilities.Length != (long)n * classes)
        {
            throw new ArgumentException(
                $"rowMajorProbabilities has {rowMajorProbabilities.Length} values but {n} samples of {classes} classes need {(long)n * classes}.",
                nameof(rowMajorProbabilities));
        }

        RequireDistributions(rowMajorProbabilities, classes);

        var confusion = new int[classes][];
        for (var c = 0; c < classes; c++)
        {
            confusion[c] = new int[classes];
        }

        var actualCounts = new int[classes];
        var predictedCounts = new int[classes];
        var correct = 0;
        var logLoss = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = rowMajorProbabilities.Slice(i * classes, classes);
            var predicted = ArgMax(row);
            confusion[actual[i]][predicted]++;
            actualCounts[actual[i]]++;
            predictedCounts[predicted]++;
            if (predicted == actual[i])
            {
                correct++;
            }

            logLoss -= Math.Log(Math.Clamp(row[actual[i]], ProbabilityEpsilon, 1 - ProbabilityEpsilon));
        }

        var classAuc = new double[classes];
        var aucSum = 0.0;
        var aucClasses = 0;
        var scores = new double[n];
        var positives = new bool[n];
        for (var c = 0; c < classes; c++)
        {
            for (var i = 0; i < n; i++)
            {
                scores[i] = rowMajorProbabilities[(i * classes) + c];
                positives[i] = actual[i] == c;
            }

            classAuc[c] = RankAuc.Compute(scores, positives);
            if (!double.IsNaN(classAuc[c]))
            {
                aucSum += classAuc[c];
                aucClasses++;
            }
        }

        return new ClassificationMetrics(
            n,
            classes,
            n == 0 ? double.NaN : (double)correct / n,
            n == 0 ? double.NaN : logLoss / n,
            aucClasses == 0 ? double.NaN : aucSum / aucClasses,
            classAuc,
            confusion,
            actualCounts,
            predictedCounts);
    }

    /// <summary>As the row-major overload, with one probability array of length <paramref name="classes"/> per sample.</summary>
    public static ClassificationMetrics Compute(ReadOnlySpan<int> actual, IReadOnlyList<double[]> probabilities, int classes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        EvaluationGuard.RequireClassCount(classes);
        EvaluationGuard.RequireSameLength(actual.Length, probabilities.Count, nameof(probabilities));
        var flat = new double[probabilities.Count * classes];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var row = probabilities[i];
            if (row is null || row.Length != classes)
            {
                throw new ArgumentException($"probabilities[{i}] has {row?.Length ?? 0} values; each sample needs {classes}.", nameof(probabilities));
            }

            row.CopyTo(flat, i * classes);
        }

        return Compute(actual, flat, classes);
    }

    /// <summary>
    /// The majority-class baseline, scikit-learn's <c>DummyClassifier(strategy="prior")</c>: every test sample gets the
    /// class frequencies of <paramref name="trainLabels"/> as its probabilities, so it predicts the most frequent training
    /// class (the lowest index on a tie). A class never seen in training gets probability 0, which the log-loss clipping
    /// turns into -ln(1e-15) ≈ 34.5 for each test sample of that class. Its AUC is 0.5 for every defined class (all scores tie).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="trainLabels"/> is empty or a label is outside 0..classes-1.</exception>
    public static ClassificationMetrics MajorityBaseline(ReadOnlySpan<int> trainLabels, ReadOnlySpan<int> testActual, int classes)
    {
        EvaluationGuard.RequireClassCount(classes);
        EvaluationGuard.RequireLabels(trainLabels, classes, nameof(trainLabels));
        if (trainLabels.IsEmpty)
        {
            throw new ArgumentException("trainLabels is empty; the majority baseline needs the training class frequencies.", nameof(trainLabels));
        }

        var prior = new double[classes];
        foreach (var label in trainLabels)
        {
            prior[label]++;
        }

        for (var c = 0; c < classes; c++)
        {
            prior[c] /= trainLabels.Length;
        }

        var probabilities = new double[testActual.Length * classes];
        for (var i = 0; i < testActual.Length; i++)
        {
            prior.CopyTo(probabilities, i * classes);
        }

        return Compute(testActual, probabilities, classes);
    }

    /// <summary>
    /// The last-observed-regime baseline: every sample is given probability 1 for <paramref name="lastObserved"/>[i], the
    /// regime of the h candles that closed at its forecast time, and 0 for the others; its log loss is therefore
    /// −ln(1e-15) ≈ 34.5 per wrong sample, which is the price of certainty, and its accuracy is what it shows best.
    /// </summary>
    public static ClassificationMetrics LastObservedBaseline(ReadOnlySpan<int> lastObserved, ReadOnlySpan<int> testActual, int classes)
    {
        EvaluationGuard.RequireClassCount(classes);
        EvaluationGuard.RequireLabels(lastObserved, classes, nameof(lastObserved));
        EvaluationGuard.RequireSameLength(testActual.Length, lastObserved.Length, nameof(lastObserved));
        var probabilities = new double[testActual.Length * classes];
        for (var i = 0; i < lastObserved.Length; i++)
        {
            probabilities[(i * classes) + lastObserved[i]] = 1;
        }

        return Compute(testActual, probabilities, classes);
    }

    private static int ArgMax(ReadOnlySpan<double> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }

    private static void RequireDistributions(ReadOnlySpan<double> rowMajorProbabilities, int classes)
    {
        for (var i = 0; i < rowMajorProbabilities.Length / classes; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < classes; c++)
            {
                var p = rowMajorProbabilities[(i * classes) + c];
                if (!double.IsFinite(p) || p < 0)
                {
                    throw new ArgumentException(
                        $"The probability of class {c} for sample {i} is {p}; probabilities must be finite and non-negative.", nameof(rowMajorProbabilities));
                }

                sum += p;
            }

            if (Math.Abs(sum - 1) > RowSumTolerance)
            {
                throw new ArgumentException(
                    $"The probabilities of sample {i} sum to {sum}, not 1; pass softmax outputs, not logits.", nameof(rowMajorProbabilities));
            }
        }
    }
}
