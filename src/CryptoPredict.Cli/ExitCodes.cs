namespace CryptoPredict.Cli;

/// <summary>The documented exit codes of every verb.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int BadData = 2;
    public const int ModelProblem = 3;

    /// <summary>Another process holds the run (its lock); retry later. 75 is EX_TEMPFAIL of sysexits.h.</summary>
    public const int Busy = 75;
    public const int Cancelled = 130;
}
