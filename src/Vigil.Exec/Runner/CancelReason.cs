namespace Vigil.Exec.Runner;

/// <summary>Why a running session was cancelled (reference x0x §6.5 cancel table).</summary>
public enum CancelReason
{
    ExplicitCancel,
    PeerDisconnected,
    Shutdown,
}
