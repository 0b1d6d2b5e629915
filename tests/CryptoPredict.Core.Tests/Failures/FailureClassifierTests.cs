using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Failures;

public sealed class FailureClassifierTests
{
    public static TheoryData<Exception, FailureKind> Cases() => new()
    {
        { new CandleDataException("data/x.csv", 12, "ohlc", "high below close"), FailureKind.BadData },
        { new TrainingDataException("too few candles"), FailureKind.BadData },
        { new ForecastDataException("gap in the window"), FailureKind.BadData },
        { new ModelBundleException("bad model.json"), FailureKind.Model },
        { new CheckpointException("corrupt"), FailureKind.Model },
        { new TrainingDivergedException("NaN loss"), FailureKind.Model },
        { new TorchException("shape mismatch"), FailureKind.Model },
        { new RequestException(FailureKind.Busy, "locked"), FailureKind.Busy },
        { new RequestException(FailureKind.Unavailable, "the exchange kept failing"), FailureKind.Unavailable },
        { new OperationCanceledException(), FailureKind.Cancelled },
        { new IOException("disk full"), FailureKind.BadData },
        { new ArgumentException("bad window", "window"), FailureKind.Usage },
        { new KeyNotFoundException("no column 'volume'"), FailureKind.BadData },
        { new InvalidOperationException("bug"), FailureKind.Internal },
        { new NotSupportedException("bug"), FailureKind.Internal },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_exception_has_one_kind(Exception exception, FailureKind kind)
    {
        FailureClassifier.Classify(exception).Kind.Should().Be(kind);
    }

    [Fact]
    public void An_unreachable_service_has_its_own_code()
    {
        FailureClassifier.Classify(new RequestException(FailureKind.Unavailable, "down")).Code.Should().Be("unavailable");
    }

    [Fact]
    public void A_candle_error_keeps_its_file_and_line()
    {
        var failure = FailureClassifier.Classify(new CandleDataException("data/x.csv", 12, "ohlc", "high below close"));

        failure.File.Should().Be("data/x.csv");
        failure.Line.Should().Be(12);
        failure.Code.Should().Be("bad_data");
        failure.Message.Should().Be("data/x.csv:12: ohlc: high below close");
    }

    [Fact]
    public void Argument_errors_lose_the_dotnet_parameter_suffix()
    {
        FailureClassifier.Classify(new ArgumentException("Cannot resample 1h to 30m.", "target")).Message.Should().Be("Cannot resample 1h to 30m.");
    }

    [Fact]
    public void An_aggregate_of_one_is_its_inner_exception()
    {
        FailureClassifier.Classify(new AggregateException(new ModelBundleException("x"))).Kind.Should().Be(FailureKind.Model);
    }

    [Fact]
    public void An_internal_error_says_it_is_a_defect_and_where_the_details_are()
    {
        var failure = FailureClassifier.Classify(new InvalidOperationException("Sequence contains no elements"));

        failure.Code.Should().Be("internal");
        failure.Message.Should().Contain("InvalidOperationException").And.Contain("defect").And.Contain("log file");
    }
}
