using System.Text;

namespace Vigil.Exec.Diagnostics;

/// <summary>The argv shown in recent warnings (reference §8.1): tokens joined by single spaces, shortened if long.</summary>
public static class ArgvSummary
{
    public const int MaxBytes = 160;

    /// <summary>
    /// Joins <paramref name="argv"/> with spaces. If that is longer than 160 UTF-8 bytes, keeps the first 159
    /// characters (Unicode scalar values) and appends <c>…</c>.
    /// </summary>
    public static string Create(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        string joined = string.Join(' ', argv);
        if (Encoding.UTF8.GetByteCount(joined) <= MaxBytes)
        {
            return joined;
        }

        var builder = new StringBuilder(MaxBytes);
        int kept = 0;
        foreach (Rune rune in joined.EnumerateRunes())
        {
            if (kept == MaxBytes - 1)
            {
                break;
            }

            builder.Append(rune.ToString());
            kept++;
        }

        return builder.Append('…').ToString();
    }
}
