using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace CryptoPredict.Cli;

/// <summary>Serilog to stderr (so --json output stays clean on stdout) and to a daily rolling file in the logs folder.</summary>
public static class Logging
{
    public const string LogDirectoryVariable = Core.IO.ProjectFolders.LogDirectoryVariable;

    /// <summary>An event carrying this property goes to the log file only (stack traces of internal errors).</summary>
    public const string FileOnlyProperty = "FileOnly";

    public static Logger Create(TextWriter error, bool verbose, string directory) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .WriteTo.Logger(console => console
                .Filter.ByExcluding(e => e.Properties.ContainsKey(FileOnlyProperty))
                .WriteTo.Sink(new WriterSink(error, new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                    System.Globalization.CultureInfo.InvariantCulture))))
            .WriteTo.File(Path.Combine(directory, "cryptopredict-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
}

/// <summary>Writes log events to the invocation's error writer (stderr in the app, a buffer in tests).</summary>
internal sealed class WriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
