namespace Vigil.Exec.Runner;

/// <summary>Which output pipe a chunk came from.</summary>
public enum OutputStream
{
    Stdout,
    Stderr,
}
