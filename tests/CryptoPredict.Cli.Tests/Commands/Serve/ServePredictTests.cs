using System.Text.Json.Nodes;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>POST /v1/predict: the same forecast as the predict verb, and every fault of a request named.</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class ServePredictTests(TrainedBundles bundles) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-serve-predict-").FullName;
    private ServeTestServer _server = null!;

    /// <summary>The held-out candles (never seen in training), oldest first.</summary>
    private IEnumerable<string> HeldOut(int count) => bundles.AllLines.Skip(1 + TrainedBundles.TrainingCandles).Take(count);

    public async Task InitializeAsync() => _server = await ServeTestServer.StartAsync(bundles.ModelsDir, bundles.DataDir);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("bilstm-ohlc")]
    [InlineData("cnn-lstm-regime")]
    [InlineData("lstm-attn-vol")]
    public async Task Candles_in_the_body_give_exactly_what_predict_prints_for_the_same_candles_in_a_file(string model)
    {
        var candles = HeldOut(120).ToArray();
        var file = Path.Combine(_dir, $"{model}.csv");
        await File.WriteAllTextAsync(file, RequestBodies.Csv(candles));
        var (code, printed, error) = await CliRunner.RunAsync(
            "predict", "--model", model, "--device", "cpu", "--data", file, "--symbol", "BTCUSDT", "--interval", "1h",
            "--models-dir", bundles.ModelsDir, "--data-dir", bundles.DataDir, "--json");
        code.Should().Be(ExitCodes.Ok, error);

        var answer = await _server.PostJsonAsync("/v1/predict", RequestBodies.Predict(model, candles).ToJsonString());

        answer.Code.Should().Be(200, answer.Body);
        answer.ContentType.Should().Be("application/json");
        answer.Body.Should().Be(printed.Trim(), "the server answers the very object predict --json prints, every digit");
    }

    [Fact]
    public async Task Without_candles_the_data_folder_file_is_used_as_predict_does()
    {
        var (code, printed, error) = await CliRunner.RunAsync(
            "predict", "--model", "lstm", "--device", "cpu", "--models-dir", bundles.ModelsDir, "--data-dir", bundles.DataDir, "--json");
        code.Should().Be(ExitCodes.Ok, error);

        var answer = await _server.PostJsonAsync("/v1/predict", """{"symbol":"btc-usdt","interval":"1h","model":"lstm"}""");

        answer.Code.Should().Be(200, answer.Body);
        answer.Body.Should().Be(printed.Trim());
    }

    [Fact]
    public async Task Prices_may_be_numeric_strings_and_timestamps_unix_milliseconds()
    {
        var candles = HeldOut(60).ToArray();
        var body = RequestBodies.Predict("lstm", candles);
        foreach (var candle in body["candles"]!.AsArray())
        {
            var time = DateTimeOffset.Parse(candle!["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            candle["timestamp"] = time.ToUnixTimeMilliseconds();
            candle["close"] = candle["close"]!.GetValue<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        var plain = await _server.PostJsonAsync("/v1/predict", RequestBodies.Predict("lstm", candles).ToJsonString());
        var spelled = await _server.PostJsonAsync("/v1/predict", body.ToJsonString());

        spelled.Code.Should().Be(200, spelled.Body);
        spelled.Body.Should().Be(plain.Body);
    }

    [Fact]
    public async Task Threshold_sets_the_signal()
    {
        var body = RequestBodies.Predict("lstm", HeldOut(60));
        body["threshold"] = 1000;

        var answer = await _server.PostJsonAsync("/v1/predict", body.ToJsonString());

        answer.Json().GetProperty("signal").GetString().Should().Be("HOLD");
    }

    [Fact]
    public async Task Unknown_model_and_untrained_symbol_are_404()
    {
        var unknownModel = await _server.PostJsonAsync("/v1/predict", """{"symbol":"BTCUSDT","interval":"1h","model":"gpt"}""");
        unknownModel.ShouldBeError(404, "not_found").Should().Contain("'gpt' is not a model").And.Contain("lstm");

        var untrained = await _server.PostJsonAsync("/v1/predict", """{"symbol":"DOGEUSDT","interval":"1h","model":"lstm"}""");
        untrained.ShouldBeError(404, "not_found").Should().Contain("No trained model for DOGEUSDT 1h lstm").And.Contain("cryptopredict train");

        var untrainedInterval = await _server.PostJsonAsync("/v1/predict", """{"symbol":"BTCUSDT","interval":"4h","model":"lstm"}""");
        untrainedInterval.ShouldBeError(404, "not_found");
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("BTC/../../x")]
    [InlineData("BTCUSDT_1h_lstm")]
    [InlineData("")]
    public async Task A_symbol_that_is_not_letters_and_digits_is_refused(string symbol)
    {
        var body = new JsonObject { ["symbol"] = symbol, ["interval"] = "1h", ["model"] = "lstm" };

        var answer = await _server.PostJsonAsync("/v1/predict", body.ToJsonString());

        answer.ShouldBeError(400, "usage").Should().Contain("is not a symbol");
    }

    [Theory]
    [InlineData("""{"interval":"1h","model":"lstm"}""", "'symbol' is missing")]
    [InlineData("""{"symbol":"BTCUSDT","model":"lstm"}""", "'interval' is missing")]
    [InlineData("""{"symbol":"BTCUSDT","interval":"1h"}""", "'model' is missing")]
    [InlineData("""{"symbol":7,"interval":"1h","model":"lstm"}""", "'symbol' must be a string, not a number")]
    [InlineData("""{"symbol":"BTCUSDT","interval":"7x","model":"lstm"}""", "interval '7x' is not an interval")]
    [InlineData("""{"symbol":"BTCUSDT","interval":"1h","model":"lstm","candles":{}}""", "'candles' must be an array")]
    [InlineData("""{"symbol":"BTCUSDT","interval":"1h","model":"lstm","candles":[1]}""", "candles[0] must be an object")]
    [InlineData("""{"symbol":"BTCUSDT","interval":"1h","model":"lstm","threshold":"high"}""", "'threshold' must be a number, not a string")]
    [InlineData("""{"symbol":"BTCUSDT","interval":"1h","model":"lstm","threshold":-1}""", "threshold -1")]
    [InlineData("""{"symbol":"BTCUSDT","interval":"1h","model":"lstm","sybmol":"x"}""", "unknown field 'sybmol'")]
    [InlineData("""{"symbol":"BTCUSDT","symbol":"ETHUSDT","interval":"1h","model":"lstm"}""", "'symbol' twice")]
    [InlineData("""[1,2]""", "must be a JSON object, not an array")]
    public async Task Missing_and_mistyped_fields_are_400_naming_the_field(string body, string expected)
    {
        var answer = await _server.PostJsonAsync("/v1/predict", body);

        answer.ShouldBeError(400, "usage").Should().Contain(expected);
    }

    [Fact]
    public async Task Malformed_json_empty_body_and_wrong_content_type_are_refused()
    {
        (await _server.PostJsonAsync("/v1/predict", """{"symbol": "BTCUSDT",""")).ShouldBeError(400, "malformed_json").Should().Contain("not valid JSON");
        (await _server.PostJsonAsync("/v1/predict", "")).ShouldBeError(400, "malformed_json").Should().Contain("empty");
        (await _server.PostAsync("/v1/predict", "symbol=BTCUSDT"u8.ToArray(), "text/plain")).ShouldBeError(415, "unsupported_media_type");
        (await _server.PostAsync("/v1/predict", "{}"u8.ToArray(), null)).ShouldBeError(415, "unsupported_media_type");
        (await _server.PostAsync("/v1/predict", "{}"u8.ToArray(), "application/json; charset=latin1")).ShouldBeError(415, "unsupported_media_type")
            .Should().Contain("latin1");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var body = RequestBodies.Predict("lstm", Enumerable.Repeat(bundles.AllLines[1], 20_000)).ToJsonString();
        body.Length.Should().BeGreaterThan(1024 * 1024);

        var answer = await _server.PostJsonAsync("/v1/predict", body);

        answer.ShouldBeError(413, "payload_too_large").Should().Contain("1048576 bytes");
    }

    public static TheoryData<string, object, string, string> BadCandles => new()
    {
        // index, field, value, rule: the file rules, naming the candle.
        { "open", "NaN", "not-finite", "candles[5]" },
        { "high", "RAW:1e400", "not-finite", "candles[5]" },
        { "close", "abc", "unparsable-number", "candles[5]" },
        { "low", -1.0, "non-positive-price", "candles[5]" },
        { "volume", -3.0, "negative-volume", "candles[5]" },
        { "high", 1.0, "high-below-body", "candles[5]" },
        { "low", 1e9, "low-above-body", "candles[5]" },
        { "timestamp", "yesterday", "unparsable-time", "candles[5]" },
        { "timestamp", "2020-01-30T09:30:00Z", "irregular-spacing", "candles[5]" },
        { "timestamp", "2020-01-29T00:00:00Z", "out-of-order", "candles[5]" },
    };

    [Theory]
    [MemberData(nameof(BadCandles))]
    public async Task A_candle_breaking_a_file_rule_is_422_naming_the_candle_and_the_rule(string field, object value, string rule, string at)
    {
        var body = RequestBodies.Predict("lstm", HeldOut(60));
        body["candles"]![5]![field] = JsonValue.Create(value);

        // A JSON number too large for a double (1e400) cannot be built as a node; it is spliced into the text.
        var json = body.ToJsonString().Replace("\"RAW:1e400\"", "1e400", StringComparison.Ordinal);
        var answer = await _server.PostJsonAsync("/v1/predict", json);

        var message = answer.ShouldBeError(422, "bad_data");
        message.Should().StartWith($"{at}: {rule}: ");
        if (field is "open" or "close" or "volume" or "timestamp")
        {
            message.Should().Contain(field);
        }
    }

    [Fact]
    public async Task Duplicate_timestamps_are_refused()
    {
        var lines = HeldOut(60).ToList();
        lines.Insert(10, lines[9]);

        var answer = await _server.PostJsonAsync("/v1/predict", RequestBodies.Predict("lstm", lines).ToJsonString());

        answer.ShouldBeError(422, "bad_data").Should().StartWith("candles[10]: duplicate-time: ").And.Contain("candles[9]");
    }

    [Fact]
    public async Task A_missing_candle_field_is_400()
    {
        var body = RequestBodies.Predict("lstm", HeldOut(60));
        body["candles"]![3]!.AsObject().Remove("volume");

        var answer = await _server.PostJsonAsync("/v1/predict", body.ToJsonString());

        answer.ShouldBeError(400, "usage").Should().Contain("candles[3] has no field 'volume'");
    }

    [Fact]
    public async Task Too_few_candles_says_how_many_are_needed()
    {
        var answer = await _server.PostJsonAsync("/v1/predict", RequestBodies.Predict("lstm", HeldOut(10)).ToJsonString());

        // The lstm test bundle reads windows of 16 closes, which need no warm-up.
        answer.ShouldBeError(422, "bad_data").Should().Contain("10 sent").And.Contain("at least 16");
    }

    [Fact]
    public async Task Too_few_candles_counts_the_indicator_warm_up()
    {
        var answer = await _server.PostJsonAsync("/v1/predict", RequestBodies.Predict("cnn-lstm-regime", HeldOut(20)).ToJsonString());

        var message = answer.ShouldBeError(422, "bad_data");
        message.Should().Contain("20 sent").And.Contain("window of 8 candles");
        var needed = int.Parse(System.Text.RegularExpressions.Regex.Match(message, @"at least (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        needed.Should().BeGreaterThan(8, "the regime features (RSI, MACD, Bollinger, ...) need history before their first value");
        var enough = await _server.PostJsonAsync("/v1/predict", RequestBodies.Predict("cnn-lstm-regime", HeldOut(needed)).ToJsonString());
        enough.Code.Should().Be(200, $"{needed} candles is the minimum the message named: {enough.Body}");
        var short1 = await _server.PostJsonAsync("/v1/predict", RequestBodies.Predict("cnn-lstm-regime", HeldOut(needed - 1)).ToJsonString());
        short1.Code.Should().Be(422);
    }

    [Fact]
    public async Task A_gap_inside_the_window_is_422_as_for_a_file()
    {
        var lines = HeldOut(60).ToList();
        lines.RemoveAt(55);

        var answer = await _server.PostJsonAsync("/v1/predict", RequestBodies.Predict("lstm", lines).ToJsonString());

        answer.ShouldBeError(422, "bad_data").Should().Contain("not contiguous");
    }

    [Fact]
    public async Task Extra_fields_the_model_was_not_trained_on_are_422()
    {
        var body = RequestBodies.Predict("cnn-lstm-regime", HeldOut(120));
        foreach (var candle in body["candles"]!.AsArray())
        {
            candle!["funding_rate"] = 0.0001;
        }

        var answer = await _server.PostJsonAsync("/v1/predict", body.ToJsonString());

        answer.ShouldBeError(422, "bad_data").Should().Contain("funding_rate").And.Contain("was trained on");
    }
}
