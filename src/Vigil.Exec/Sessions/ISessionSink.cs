using Vigil.Exec.Runner;

namespace Vigil.Exec.Sessions;

/// <summary>
/// Where a session's frames go (a gRPC stream, or an aggregator for REST). A failure or cancellation means the
/// caller is gone (or stopped reading for longer than the session could run) and the session is cancelled.
/// </summary>
public interface ISessionSink
{
    ValueTask SendAsync(RunEvent runEvent, CancellationToken cancellationToken);

    ValueTask SendExitAsync(SessionExit exit, CancellationToken cancellationToken);
}
