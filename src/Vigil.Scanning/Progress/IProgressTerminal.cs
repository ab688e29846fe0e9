namespace Vigil.Scanning.Progress;

/// <summary>Where a progress line is drawn: an interactive stderr, or a fake in tests.</summary>
public interface IProgressTerminal
{
    /// <summary>Columns available; a line never reaches the last one, so it cannot wrap.</summary>
    int Width { get; }

    /// <summary>Writes raw text (carriage returns included) and makes it visible.</summary>
    void Write(string text);
}
