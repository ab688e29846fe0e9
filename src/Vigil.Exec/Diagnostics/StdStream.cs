namespace Vigil.Exec.Diagnostics;

/// <summary>A child's output stream, as counted in <c>cap_breaches</c>.</summary>
public enum StdStream
{
    Stdout,
    Stderr,
}
