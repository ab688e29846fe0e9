namespace Vigil.Exec.Runner;

/// <summary>How a child ended: exit code or terminating signal (at most one is set by the OS).</summary>
internal readonly record struct ChildStatus(int? Code, int? Signal);
