using System.Diagnostics;

namespace CryptoPredict.Core.IO;

/// <summary>
/// Named places in multi-step writes (checkpoint saves, bundle publishes) where a test can kill the process as
/// <c>kill -9</c> would: set <c>CRYPTOPREDICT_FAULT_AT</c> to a point's name and the process dies there, without
/// running finally blocks or flushing anything. Unset (always, outside tests), a point costs one string compare.
/// </summary>
public static class FaultPoint
{
    public const string Variable = "CRYPTOPREDICT_FAULT_AT";

    private static readonly string? Armed = Environment.GetEnvironmentVariable(Variable);

    /// <summary>Kills the process with SIGKILL when <paramref name="name"/> is the armed point.</summary>
    public static void Hit(string name)
    {
        if (Armed is null || !string.Equals(Armed, name, StringComparison.Ordinal))
        {
            return;
        }

        Console.Error.WriteLine($"fault point '{name}': killing the process");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();

        // Kill is asynchronous on some platforms; never continue past an armed point.
        Thread.Sleep(Timeout.Infinite);
    }
}
