namespace CryptoPredict.Core.Evaluation;

/// <summary>Argument checks shared by the metrics, with messages that name the argument and the offending sample.</summary>
internal static class EvaluationGuard
{
    public static void RequireSameLength(int expected, int actual, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} values but there are {expected} samples; every input needs one value per sample.", name);
        }
    }

    public static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {values[i]}; metrics need finite values.", name);
            }
        }
    }

    public static void RequireClassCount(int classes)
    {
        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be at least 2, got {classes}.");
        }
    }

    public static void RequireLabels(ReadOnlySpan<int> labels, int classes, string name)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"{name}[{i}] is class {labels[i]}, outside 0..{classes - 1}.", name);
            }
        }
    }
}
