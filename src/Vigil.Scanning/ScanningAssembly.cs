namespace Vigil.Scanning;

/// <summary>Marker for the scanning assembly (the scan service, the watch loop and the report writers live here).</summary>
internal static class ScanningAssembly
{
}
