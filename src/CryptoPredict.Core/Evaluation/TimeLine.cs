namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// One trace of an interactive time chart: finite points only, at UTC times that increase.
/// </summary>
/// <param name="Name">Legend text.</param>
/// <param name="Times">Sample times (UTC).</param>
/// <param name="Values">Sample values, as many as <paramref name="Times"/>.</param>
/// <param name="Color">Line colour, <c>#rrggbb</c>.</param>
internal sealed record TimeLine(string Name, DateTime[] Times, double[] Values, string Color)
{
    /// <summary>
    /// Drawn as a step held until the next sample's time starts (<c>vh</c>), e.g. a position held over a candle, instead
    /// of a straight line between samples.
    /// </summary>
    public bool Step { get; init; }

    /// <summary>An area from zero to the line in this CSS colour, with no line of its own; null: a plain line.</summary>
    public string? Fill { get; init; }

    /// <summary>Plotted against the chart's secondary (right, 0 to 1) axis instead of the main one.</summary>
    public bool Secondary { get; init; }
}
