namespace Vigil.Cli;

/// <summary>Process exit codes shared by every verb.</summary>
internal static class ExitCodes
{
    public const int Clean = 0;
    public const int Anomalies = 1;
    public const int Error = 2;
}
