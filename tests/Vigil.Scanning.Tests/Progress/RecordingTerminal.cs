using System.Text;
using Vigil.Scanning.Progress;

namespace Vigil.Scanning.Tests.Progress;

/// <summary>A terminal that records what was written and can replay it as a screen line.</summary>
internal sealed class RecordingTerminal(int width = 120) : IProgressTerminal
{
    private readonly StringBuilder _raw = new();

    public int Width => width;

    public string Raw => _raw.ToString();

    /// <summary>What the terminal's current line shows after applying every carriage return.</summary>
    public string Screen
    {
        get
        {
            var line = new StringBuilder();
            int cursor = 0;
            foreach (char c in Raw)
            {
                if (c == '\r')
                {
                    cursor = 0;
                    continue;
                }

                if (cursor < line.Length)
                {
                    line[cursor] = c;
                }
                else
                {
                    line.Append(c);
                }

                cursor++;
            }

            return line.ToString();
        }
    }

    public void Write(string text) => _raw.Append(text);
}
