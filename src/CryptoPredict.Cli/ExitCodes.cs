using CryptoPredict.Core.Failures;

namespace CryptoPredict.Cli;

/// <summary>The documented exit codes of every verb (README, "Exit codes").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int BadData = 2;
    public const int ModelProblem = 3;

    /// <summary><c>drift</c>: a feature's PSI is above the threshold (and no <c>--retrain</c> replaced the model).</summary>
    public const int Drifted = 4;
    /// <summary>batch: at least one unit failed (the others were trained or skipped); the report names each.</summary>
    public const int UnitFailed = 5;

    /// <summary>A defect of this program, not of its input. 70 is EX_SOFTWARE of sysexits.h.</summary>
    public const int Internal = 70;

    /// <summary>Another process holds the run (its lock); retry later. 75 is EX_TEMPFAIL of sysexits.h.</summary>
    public const int Busy = 75;
    /// <summary>The exchange could not be reached or kept failing after the retries; retry later. 69 is EX_UNAVAILABLE of sysexits.h.</summary>
    public const int Unavailable = 69;
    public const int Cancelled = 130;

    public static int Of(FailureKind kind) => kind switch
    {
        FailureKind.Usage => Usage,
        FailureKind.BadData => BadData,
        FailureKind.Model => ModelProblem,
        FailureKind.Busy => Busy,
        FailureKind.Unavailable => Unavailable,
        FailureKind.Cancelled => Cancelled,
        _ => Internal,
    };

    public static FailureKind KindOf(int exitCode) => exitCode switch
    {
        Usage => FailureKind.Usage,
        BadData => FailureKind.BadData,
        ModelProblem => FailureKind.Model,
        Busy => FailureKind.Busy,
        Unavailable => FailureKind.Unavailable,
        Cancelled => FailureKind.Cancelled,
        _ => FailureKind.Internal,
    };
}
