namespace Vigil.Core.Roles;

/// <summary>What a column is for (reference §2.6); value detectors skip identifiers and sequences.</summary>
public enum ColumnRole
{
    Measurement,
    Identifier,
    Categorical,
    Sequence,
    Constant,
}

/// <summary>Tokens and gating rule of <see cref="ColumnRole"/>.</summary>
public static class ColumnRoles
{
    public static string ToToken(this ColumnRole role) => role switch
    {
        ColumnRole.Measurement => "measurement",
        ColumnRole.Identifier => "identifier",
        ColumnRole.Categorical => "categorical",
        ColumnRole.Sequence => "sequence",
        _ => "constant",
    };

    /// <summary>Identifier and sequence columns are skipped by value detectors when role gating is on.</summary>
    public static bool SkipsValueDetection(this ColumnRole role) => role is ColumnRole.Identifier or ColumnRole.Sequence;
}
