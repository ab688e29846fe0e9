namespace Vigil.Core.Handles;

/// <summary>What a <see cref="Handle"/> points at.</summary>
public enum HandleKind
{
    Column,
    Cell,
    Range,
    Dist,
    Row,
}
