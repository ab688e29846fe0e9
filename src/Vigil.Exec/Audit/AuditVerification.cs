namespace Vigil.Exec.Audit;

/// <summary>Result of <see cref="AuditVerifier.Verify(string)"/>.</summary>
/// <param name="Status">Intact, broken or unreadable.</param>
/// <param name="EventCount">Lines that chain correctly before the first break (all of them when intact).</param>
/// <param name="BrokenSeq">The first seq that is wrong, when broken.</param>
/// <param name="Break">How it is broken, when broken.</param>
/// <param name="Detail">One-line explanation when broken or unreadable.</param>
public sealed record AuditVerification(
    AuditVerificationStatus Status,
    long EventCount,
    long? BrokenSeq,
    AuditBreak? Break,
    string? Detail);

/// <summary>Overall verdict of an audit log check.</summary>
public enum AuditVerificationStatus
{
    Intact,
    Broken,
    Unreadable,
}
