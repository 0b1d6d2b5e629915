using System.Text;

namespace CryptoPredict.Cli.Tests.Commands.Serve;

/// <summary>No body, however hostile, gets a 5xx or a stack trace: every one is a 4xx in the error shape.</summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class ServeHostileInputTests(TrainedBundles bundles)
{
    private static IEnumerable<(string Name, byte[] Body, string? ContentType)> Battery()
    {
        const string Json = "application/json";
        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        static string Candles(string candle) => "{\"symbol\":\"BTCUSDT\",\"interval\":\"1h\",\"model\":\"lstm\",\"candles\":[" + candle + "]}";

        yield return ("empty body", [], Json);
        yield return ("whitespace", Utf8("  \n\t "), Json);
        yield return ("null", Utf8("null"), Json);
        yield return ("a number", Utf8("42"), Json);
        yield return ("a string", Utf8("\"predict\""), Json);
        yield return ("deep nesting", Utf8(new string('[', 100_000) + new string(']', 100_000)), Json);
        yield return ("deep object nesting", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)), Json);
        yield return ("deep nesting in candles", Utf8(Candles(new string('[', 1_000) + new string(']', 1_000))), Json);
        yield return ("10 MB body", new byte[10 * 1024 * 1024], Json);
        yield return ("10 MB of JSON", Utf8("{\"symbol\":\"" + new string('A', 10 * 1024 * 1024) + "\"}"), Json);
        yield return ("invalid UTF-8", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], Json);
        yield return ("invalid UTF-8 in a value", [.. Utf8("{\"symbol\":\""), 0xC3, 0x28, .. Utf8("\",\"interval\":\"1h\",\"model\":\"lstm\"}")], Json);
        yield return ("a lone surrogate escape", Utf8("{\"symbol\":\"\\uD800\",\"interval\":\"1h\",\"model\":\"lstm\"}"), Json);
        yield return ("NUL bytes", Utf8("{\"symbol\":\"BTC\u0000USDT\",\"interval\":\"1h\",\"model\":\"lstm\"}"), Json);
        yield return ("huge numbers", Utf8(Candles("{\"timestamp\":1e999999,\"open\":1e999999,\"high\":-1e999999,\"low\":1e-999999,\"close\":123456789012345678901234567890,\"volume\":1}")), Json);
        yield return ("a 100,000-digit number", Utf8(Candles("{\"timestamp\":\"2020-01-01T00:00:00Z\",\"open\":" + new string('9', 100_000) + ",\"high\":1,\"low\":1,\"close\":1,\"volume\":1}")), Json);
        yield return ("a huge threshold", Utf8("{\"symbol\":\"BTCUSDT\",\"interval\":\"1h\",\"model\":\"lstm\",\"threshold\":1e999}"), Json);
        yield return ("NaN literal", Utf8(Candles("{\"timestamp\":\"2020-01-01T00:00:00Z\",\"open\":NaN,\"high\":1,\"low\":1,\"close\":1,\"volume\":1}")), Json);
        yield return ("strings where numbers belong", Utf8(Candles("{\"timestamp\":\"2020-01-01T00:00:00Z\",\"open\":\"one\",\"high\":\"\",\"low\":\"1,5\",\"close\":\"0x10\",\"volume\":\"-\"}")), Json);
        yield return ("numbers where strings belong", Utf8("{\"symbol\":1,\"interval\":2,\"model\":3}"), Json);
        yield return ("objects everywhere", Utf8("{\"symbol\":{},\"interval\":[],\"model\":true,\"candles\":{}}"), Json);
        yield return ("null fields", Utf8("{\"symbol\":null,\"interval\":null,\"model\":null}"), Json);
        yield return ("a timestamp far in the future", Utf8(Candles("{\"timestamp\":99999999999999999999,\"open\":1,\"high\":1,\"low\":1,\"close\":1,\"volume\":1}")), Json);
        yield return ("year 9999", Utf8(Candles("{\"timestamp\":\"9999-12-31T23:00:00Z\",\"open\":1,\"high\":1,\"low\":1,\"close\":1,\"volume\":1}")), Json);
        yield return ("path escape in symbol", Utf8("{\"symbol\":\"../../../etc/passwd\",\"interval\":\"1h\",\"model\":\"lstm\"}"), Json);
        yield return ("path escape in interval", Utf8("{\"symbol\":\"BTCUSDT\",\"interval\":\"../1h\",\"model\":\"lstm\"}"), Json);
        yield return ("path escape in model", Utf8("{\"symbol\":\"BTCUSDT\",\"interval\":\"1h\",\"model\":\"../../lstm\"}"), Json);
        yield return ("a huge interval", Utf8("{\"symbol\":\"BTCUSDT\",\"interval\":\"99999999999w\",\"model\":\"lstm\"}"), Json);
        yield return ("a long field name", Utf8("{\"" + new string('x', 500_000) + "\":1}"), Json);
        yield return ("many extra columns", Utf8(Candles("{\"timestamp\":\"2020-01-01T00:00:00Z\",\"open\":1,\"high\":1,\"low\":1,\"close\":1,\"volume\":1," +
            string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"x{i}\":1")) + "}")), Json);
        yield return ("case-duplicate extra columns", Utf8(Candles("{\"timestamp\":\"2020-01-01T00:00:00Z\",\"open\":1,\"high\":1,\"low\":1,\"close\":1,\"volume\":1,\"Fund\":1,\"fund\":2}")), Json);
        yield return ("a single candle", Utf8(Candles("{\"timestamp\":\"2020-01-01T00:00:00Z\",\"open\":1,\"high\":1,\"low\":1,\"close\":1,\"volume\":1}")), Json);
        yield return ("empty candles", Utf8(Candles("")), Json);
        yield return ("trailing garbage", Utf8("{\"symbol\":\"BTCUSDT\",\"interval\":\"1h\",\"model\":\"lstm\"} trailing"), Json);
        yield return ("comments", Utf8("{/* c */\"symbol\":\"BTCUSDT\",\"interval\":\"1h\",\"model\":\"lstm\"}"), Json);
        yield return ("no content type", Utf8("{}"), null);
        yield return ("form content type", Utf8("symbol=BTCUSDT"), "application/x-www-form-urlencoded");
        yield return ("a bogus content type", Utf8("{}"), "application/json; charset=\"");
        yield return ("XML", Utf8("<predict/>"), "application/xml");
    }

    [Fact]
    public async Task Every_hostile_body_is_a_4xx_with_the_error_shape()
    {
        await using var server = await ServeTestServer.StartAsync(bundles.ModelsDir, bundles.DataDir);
        var failures = new List<string>();
        foreach (var (name, body, contentType) in Battery())
        {
            var answer = await server.PostAsync("/v1/predict", body, contentType);
            if (answer.Code is < 400 or >= 500)
            {
                failures.Add($"{name}: HTTP {answer.Code} {Shorten(answer.Body)}");
                continue;
            }

            try
            {
                answer.ShouldBeError(answer.Code, answer.Json().GetProperty("error").GetProperty("code").GetString()!);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException or Xunit.Sdk.XunitException)
            {
                failures.Add($"{name}: HTTP {answer.Code} without the error shape: {Shorten(answer.Body)}");
            }
        }

        failures.Should().BeEmpty();
        (await server.GetAsync("/health")).Code.Should().Be(200, "the server is still up after the battery");
        var metrics = (await server.GetAsync("/metrics")).Body;
        metrics.Should().NotContain("status=\"500\"");
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
