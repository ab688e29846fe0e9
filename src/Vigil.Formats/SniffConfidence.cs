namespace Vigil.Formats;

/// <summary>How sure a parser's sniff is that it owns a byte stream (reference §5.1); higher wins, ties go to the first registered.</summary>
public enum SniffConfidence
{
    None = 0,
    Fallback = 1,
    Text = 50,
    Strong = 60,
    Magic = 100,
}
