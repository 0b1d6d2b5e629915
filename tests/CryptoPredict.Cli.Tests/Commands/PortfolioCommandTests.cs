using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands;

[Collection(PortfolioBundlesGroup.Name)]
public sealed class PortfolioCommandTests(PortfolioBundles bundles)
{
    private static readonly string[] MetricKeys =
        ["total_return", "cagr", "sharpe", "sortino", "max_drawdown", "calmar", "hit_rate", "trades", "turnover", "exposure"];

    private string[] Args(params string[] extra) =>
        ["portfolio", "--symbols", "BTCUSDT,ETHUSDT", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, .. extra];

    private async Task<JsonElement> PortfolioJson(params string[] extra)
    {
        var (code, output, error) = await CliRunner.RunAsync(Args([.. extra, "--json"]));
        code.Should().Be(ExitCodes.Ok, error);
        output.Trim().Split('\n').Should().ContainSingle("--json prints exactly one line");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Json_has_the_three_portfolios_with_every_metric_the_weights_the_period_and_the_settings()
    {
        var root = await PortfolioJson("--rebalance-every", "12", "--lookback", "48", "--max-weight", "0.7");

        root.EnumerateObject().Select(p => p.Name).Should().Contain(["strategy", "equal_weight", "buy_and_hold", "weights", "candles", "period", "settings"]);
        foreach (var name in new[] { "strategy", "equal_weight", "buy_and_hold" })
        {
            root.GetProperty(name).EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(MetricKeys, name);
        }

        var candles = root.GetProperty("candles").GetInt32();
        candles.Should().BeInRange(50, 200, "the test part of 700 candles");
        root.GetProperty("rebalances").GetInt32().Should().Be((candles + 11) / 12);
        var weights = root.GetProperty("weights").EnumerateArray().ToArray();
        weights.Select(w => w.GetProperty("symbol").GetString()).Should().Equal("BTCUSDT", "ETHUSDT");
        weights.Should().OnlyContain(w => w.GetProperty("mean").GetDouble() >= 0 && w.GetProperty("max_target").GetDouble() <= 0.7 + 1e-12);
        (weights.Sum(w => w.GetProperty("mean").GetDouble()) + root.GetProperty("mean_cash").GetDouble()).Should().BeApproximately(1, 1e-9);
        root.GetProperty("period").GetProperty("from").GetDateTime().Should().BeBefore(root.GetProperty("period").GetProperty("to").GetDateTime());

        var equal = root.GetProperty("equal_weight");
        equal.GetProperty("exposure").GetDouble().Should().BeApproximately(1, 1e-12, "equal weight is fully invested");
        equal.GetProperty("trades").GetInt32().Should().Be(root.GetProperty("rebalances").GetInt32());
        root.GetProperty("buy_and_hold").GetProperty("trades").GetInt32().Should().Be(1);

        var settings = root.GetProperty("settings");
        settings.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()).Should().Equal("BTCUSDT", "ETHUSDT");
        settings.GetProperty("buy_and_hold").GetString().Should().Be("BTCUSDT");
        settings.GetProperty("max_weight").GetDouble().Should().Be(0.7);
        settings.GetProperty("risk_aversion").GetDouble().Should().Be(10);
        settings.GetProperty("rebalance_every").GetInt32().Should().Be(12);
        settings.GetProperty("lookback").GetInt32().Should().Be(48);
        settings.GetProperty("fee_bps").GetDouble().Should().Be(10);
        settings.GetProperty("periods_per_year").GetDouble().Should().Be(8760);
        settings.GetProperty("data").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Fees_only_lower_the_figures_and_the_table_shows_every_metric()
    {
        var free = await PortfolioJson("--fee-bps", "0");
        var costly = await PortfolioJson("--fee-bps", "50");

        costly.GetProperty("strategy").GetProperty("turnover").GetDouble().Should().Be(free.GetProperty("strategy").GetProperty("turnover").GetDouble(), "fees do not change the weights");
        costly.GetProperty("equal_weight").GetProperty("total_return").GetDouble().Should().BeLessThan(free.GetProperty("equal_weight").GetProperty("total_return").GetDouble());

        var (code, output, error) = await CliRunner.RunAsync(Args());
        code.Should().Be(ExitCodes.Ok, error);
        output.Should().ContainAll("total return", "Sharpe", "max drawdown", "equal weight", "buy & hold BTCUSDT", "ETHUSDT", "cash");
    }

    [Fact]
    public async Task A_symbol_without_a_bundle_exits_3_naming_it()
    {
        var (code, output, _) = await CliRunner.RunAsync(
            "portfolio", "--symbols", "BTCUSDT,SOLUSDT", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, "--json");

        code.Should().Be(ExitCodes.ModelProblem);
        var error = JsonDocument.Parse(output).RootElement.GetProperty("error");
        error.GetProperty("message").GetString().Should().Contain("SOLUSDT").And.Contain("cryptopredict train --symbol SOLUSDT");
    }

    [Theory]
    [InlineData("BTCUSDT", "at least two symbols")]
    [InlineData("BTCUSDT,btc-usdt", "BTCUSDT is listed twice")]
    [InlineData("BTCUSDT,E!H", "'E!H' is not a symbol")]
    public async Task Symbol_lists_that_cannot_make_a_portfolio_are_usage_errors(string symbols, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync("portfolio", "--symbols", symbols, "--models-dir", bundles.ModelsDir, "--data-dir", bundles.DataDir);

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain(message);
    }

    [Theory]
    [InlineData("--max-weight", "0", "--max-weight 0: use a fraction above 0 and at most 1")]
    [InlineData("--max-weight", "1.5", "--max-weight 1.5")]
    [InlineData("--risk-aversion", "-1", "--risk-aversion -1: use a finite number above 0")]
    [InlineData("--rebalance-every", "0", "--rebalance-every 0")]
    [InlineData("--lookback", "1", "--lookback 1: the covariance needs at least 2")]
    [InlineData("--fee-bps", "-3", "--fee-bps -3")]
    public async Task Bad_settings_are_usage_errors_naming_the_option(string option, string value, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync(Args(option, value));

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain(message);
    }

    [Fact]
    public async Task A_model_that_does_not_forecast_the_close_is_refused()
    {
        var (code, _, error) = await CliRunner.RunAsync("portfolio", "--symbols", "BTCUSDT,ETHUSDT", "--model", "cnn-lstm-regime", "--models-dir", bundles.ModelsDir, "--data-dir", bundles.DataDir);

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("a portfolio needs each symbol's expected return");
    }
}
