using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Prediction;

/// <summary>The members' spread around one forecast value: their standard deviation (sample), lowest and highest.</summary>
public sealed record ForecastSpread(string Name, double Mean, double StandardDeviation, double Minimum, double Maximum)
{
    public static ForecastSpread Of(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = values.Average();
        var std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new ForecastSpread(name, mean, std, values.Min(), values.Max());
    }
}

/// <summary>An ensemble's forecast: the mean of the members' (in the units shown), each member's, and the spread per value.</summary>
public sealed record EnsemblePrediction(Prediction Mean, IReadOnlyList<Prediction> Members, IReadOnlyList<ForecastSpread> Spread);

/// <summary>An ensemble scored: its mean against the baselines, each member alone, and the members' spread per target.</summary>
/// <param name="Spread">Per target: the members' standard deviation and range (max - min), each averaged over the samples.</param>
public sealed record EnsembleEvaluation(EnsembleBundle Ensemble, EvaluationResult Mean, IReadOnlyList<EvaluationResult> Members, IReadOnlyList<EnsembleSpread> Spread);

/// <summary>How far apart the members are on one target, averaged over the scored samples, in the units shown.</summary>
public sealed record EnsembleSpread(string Target, double MeanStandardDeviation, double MeanRange);

/// <summary>
/// Runs every member of an <see cref="EnsembleBundle"/> and averages their forecasts in the units users read (prices,
/// volatility, probabilities): the mean price is the arithmetic mean of the members' prices, not of their log
/// returns. Members may differ in features and window; a forecast is made only where every member's window is usable.
/// </summary>
public sealed class EnsembleForecaster : IDisposable
{
    private readonly IForecastEngine[] _members;

    /// <summary>Every member on libtorch on <paramref name="device"/>.</summary>
    public EnsembleForecaster(EnsembleBundle ensemble, Device device)
        : this(ensemble, member => new Forecaster(member, device), device)
    {
    }

    /// <summary>Every member on the engine <paramref name="createEngine"/> builds (ONNX Runtime runs on the CPU: pass <see cref="Device.Cpu"/>).</summary>
    public EnsembleForecaster(EnsembleBundle ensemble, Func<ModelBundle, IForecastEngine> createEngine, Device device)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(createEngine);
        Ensemble = ensemble;
        Device = device;
        var members = new List<IForecastEngine>();
        try
        {
            foreach (var member in ensemble.Members)
            {
                members.Add(createEngine(member));
            }
        }
        catch
        {
            members.ForEach(m => m.Dispose());
            throw;
        }

        _members = members.ToArray();
    }

    public EnsembleBundle Ensemble { get; }

    public Device Device { get; }

    public IReadOnlyList<IForecastEngine> Members => _members;

    public EnsemblePrediction PredictLatest(CandleSeries series, double threshold = Predictor.DefaultThreshold)
    {
        var members = _members.Select(m => Predictor.PredictLatest(m, series, threshold)).ToArray();
        var first = members[0];
        if (members.Any(m => m.LastCandle != first.LastCandle))
        {
            throw new ForecastDataException(
                $"The members' latest usable windows end at different candles ({string.Join(", ", members.Select(m => m.LastCandle.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))} UTC); the data needs more history.");
        }

        var spread = first.Values.Select((v, j) => ForecastSpread.Of(v.Name, members.Select(m => m.Values[j].Value).ToArray())).ToArray();
        var values = spread.Select(s => new ForecastValue(s.Name, s.Mean)).ToArray();
        double? close = first.PredictedClose is null ? null : members.Average(m => m.PredictedClose!.Value);
        TradeSignal signal;
        string reason;
        if (close is { } c)
        {
            (signal, reason) = Predictor.PriceSignal(c, first.LastClose, threshold);
        }
        else if (first.Kind == ForecastKind.Regime)
        {
            var best = Array.IndexOf(values.Select(v => v.Value).ToArray(), values.Max(v => v.Value));
            signal = best switch
            {
                (int)MarketRegime.Bullish => TradeSignal.Buy,
                (int)MarketRegime.Bearish => TradeSignal.Sell,
                _ => TradeSignal.Hold,
            };
            reason = string.Create(CultureInfo.InvariantCulture, $"most likely regime (members' mean): {values[best].Name} ({values[best].Value:P1})");
        }
        else
        {
            (signal, reason) = (first.Signal, first.SignalReason);
        }

        var mean = first with
        {
            Model = Ensemble.Description.Name,
            Values = values,
            PredictedClose = close,
            Change = close is { } m ? (m / first.LastClose) - 1 : null,
            Signal = signal,
            SignalReason = reason,
            Warnings = members.SelectMany(p => p.Warnings).Distinct().ToArray(),
        };
        return new EnsemblePrediction(mean, members, spread);
    }

    /// <summary>
    /// Scores the mean forecast against the baselines on the samples of <paramref name="part"/> (chosen by the first
    /// member, kept where every member's window is usable), and each member alone on the same samples.
    /// </summary>
    public EnsembleEvaluation Evaluate(CandleSeries series, EvaluationPart part, Action<EvaluationNote>? log = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var first = _members[0];
        var samples = Evaluator.SelectSamples(first.Bundle, series, Forecaster.ComputeFeatures(first.Bundle.Description, series), part, log);
        var windows = _members.Select(m => new InputWindows(Forecaster.ComputeFeatures(m.Bundle.Description, series), m.Bundle.Description.Window)).ToArray();
        var kept = samples.Samples.Where((_, i) => windows.All(w => w.IsUsable(samples.EndRows[i]))).ToArray();
        if (kept.Length < samples.Count)
        {
            log?.Invoke(new EvaluationNote(false, string.Create(CultureInfo.InvariantCulture,
                $"left out {samples.Count - kept.Length} of {samples.Count} samples where a member's window is not usable")));
            if (kept.Length == 0)
            {
                throw new ForecastDataException("no sample where every member of the ensemble has a usable window; the data needs more history.");
            }

            samples = new EvaluationSamples(samples.Bundle, samples.Series, samples.Dataset, samples.Part, kept, [.. samples.TrainingSamples], [.. samples.ValidationSamples]);
        }

        log?.Invoke(new EvaluationNote(false, string.Create(CultureInfo.InvariantCulture,
            $"scoring the ensemble {Ensemble.Description.Name} ({_members.Length} members) on {samples.Count} samples ({part.Name}) on {Device}")));
        var raws = _members.Select((m, k) => m.Forecast(windows[k], samples.EndRows)).ToArray();
        var kind = first.Bundle.Architecture.Kind;
        var outputs = raws[0].Length / samples.Count;
        var closes = series.Close;
        var mean = new double[raws[0].Length];
        var targets = samples.Dataset.Targets.ColumnNames;
        var specs = samples.Dataset.Targets.Specs;
        var std = new double[outputs];
        var range = new double[outputs];
        var shown = new double[_members.Length];
        for (var i = 0; i < samples.Count; i++)
        {
            var lastClose = closes[samples.EndRows[i]];
            for (var j = 0; j < outputs; j++)
            {
                // A log-volatility member is averaged as a volatility and its mean scored in the target's log units.
                var volatility = j < specs.Count ? specs[j] as RealizedVolatilityTarget : null;
                for (var k = 0; k < _members.Length; k++)
                {
                    var value = raws[k][(i * outputs) + j];
                    shown[k] = volatility?.ToVolatility(value) ?? ForecastDecoding.Decode(kind, value, lastClose);
                }

                var spread = ForecastSpread.Of("", shown);
                std[j] += spread.StandardDeviation / samples.Count;
                range[j] += (spread.Maximum - spread.Minimum) / samples.Count;
                mean[(i * outputs) + j] = ForecastDecoding.IsPrice(kind) ? PriceTargets.ToLogReturn(spread.Mean, lastClose) : volatility?.FromVolatility(spread.Mean) ?? spread.Mean;
            }
        }

        var result = Evaluator.ScoreForecasts(samples, mean, Device, log);
        var members = raws.Select(raw => Evaluator.ScoreForecasts(samples, raw, Device)).ToArray();

        // A classifier's outputs are class probabilities, not targets: its spread is reported per class.
        var names = first.Bundle.Architecture.IsClassifier ? ForecastDecoding.RegimeNames : targets;
        var spreads = Enumerable.Range(0, outputs).Select(j => new EnsembleSpread(names[j], std[j], range[j])).ToArray();
        return new EnsembleEvaluation(Ensemble, result, members, spreads);
    }

    public void Dispose()
    {
        foreach (var member in _members)
        {
            member.Dispose();
        }
    }
}
