using CryptoPredict.Core.Market.Binance;
using CryptoPredict.Core.Market.Fetch;
using Serilog;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// Reports a fetch: log lines for the plan, each page (debug) and each retry (warning), and, when a Spectre progress
/// task is attached, a bar over the pages the range needs at most.
/// </summary>
internal sealed class FetchProgress : ICandleFetchObserver
{
    private ProgressTask? _task;

    public void Attach(ProgressTask task) => _task = task;

    public void OnStart(CandleFetchPlan plan)
    {
        Log.Information(
            "fetching into {Path} ({Stored}): {From:yyyy-MM-ddTHH:mm:ssZ} .. {Until:yyyy-MM-ddTHH:mm:ssZ}, up to {Candles} candles in {Pages} page(s)",
            plan.Path, plan.StoredLast is { } last ? $"{plan.StoredCandles} candles stored, last {last:yyyy-MM-ddTHH:mm:ssZ}" : "new file",
            plan.From, plan.Until, plan.ExpectedCandles, plan.ExpectedPages);
        if (_task is not null)
        {
            _task.MaxValue = Math.Max(1, plan.ExpectedPages);
            _task.Description = $"fetching {Path.GetFileName(plan.Path)}";
        }
    }

    public void OnPage(CandleFetchPage page)
    {
        Log.Debug("page {Number}: {Rows} rows, {New} new candles so far, last {Last:yyyy-MM-ddTHH:mm:ssZ}", page.Number, page.Rows, page.NewCandles, page.LastOpenTime);
        if (_task is not null)
        {
            _task.Value = Math.Min(_task.MaxValue, page.Number);
            _task.Description = $"{page.NewCandles:N0} new, to {page.LastOpenTime:yyyy-MM-dd HH:mm}";
        }
    }

    public void OnRetry(KlineRetry retry) =>
        Log.Warning("attempt {Attempt} failed ({Reason}); retrying in {Delay:0.###} s", retry.FailedAttempt, retry.Reason, retry.Delay.TotalSeconds);

    /// <summary>The bar ends full even when the service had fewer candles than the range could hold.</summary>
    public void Complete()
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
        }
    }
}
