namespace Vigil.Scanning.Progress;

/// <summary>Where a running scan is, for a progress display.</summary>
public enum ScanPhase
{
    Reading,
    Parsing,
    Detecting,
    Writing,
}
