namespace Vigil.Exec.Runner;

/// <summary>The OS refused to start the child (maps to <c>spawn_failed</c>).</summary>
internal sealed class ChildSpawnException(string message) : Exception(message);
