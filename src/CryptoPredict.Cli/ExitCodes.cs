namespace CryptoPredict.Cli;

/// <summary>The documented exit codes of every verb.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int BadData = 2;
    public const int ModelProblem = 3;
    public const int Cancelled = 130;
}
