using System.Text.Json;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// Which bundle a request names: <c>symbol</c>, <c>interval</c> and <c>model</c>, checked as the CLI checks its
/// options (a symbol is letters and digits only, so it cannot leave the models folder).
/// </summary>
internal sealed record ModelSelection(string Symbol, CandleInterval Interval, string Model)
{
    public string IntervalText => Interval.ToString();

    public static ModelSelection Read(JsonElement body)
    {
        var symbolText = RequestFields.RequiredString(body, "symbol");
        var symbol = CommonOptions.NormaliseSymbol(symbolText)
            ?? throw ApiException.Usage($"symbol '{symbolText}' is not a symbol: use 2 to 20 letters or digits, such as BTCUSDT (case and - / separators are normalised).");
        var intervalText = RequestFields.RequiredString(body, "interval");
        if (!CandleInterval.TryParse(intervalText, out var interval))
        {
            throw ApiException.Usage($"interval '{intervalText}' is not an interval: use a count and a unit m, h, d or w, such as 15m, 1h, 4h or 1d.");
        }

        var model = RequestFields.RequiredString(body, "model");
        if (Core.Training.EnsembleNames.IsEnsembleName(model))
        {
            return new ModelSelection(symbol, interval, model);
        }

        if (!ModelCatalog.TryGet(model, out var architecture))
        {
            throw ApiException.NotFound(
                $"model '{model}' is not a model. Known models: {string.Join(", ", ModelCatalog.Names)}, or an ensemble of them (lstm-x5, ensemble-lstm-cnn-lstm-attn).");
        }

        return new ModelSelection(symbol, interval, architecture.Name);
    }
}
