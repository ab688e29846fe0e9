using System.Globalization;

namespace Vigil.Exec.Policy;

/// <summary>
/// 32-byte identifiers as text (AgentId, MachineId, SHA-256 digests): 64 hex characters, any case on input,
/// lowercase when stored or printed. Error texts follow the reference (x0x §3.7) so operators see the same
/// diagnosis for the same mistake.
/// </summary>
internal static class HexId
{
    public const int ByteLength = 32;
    public const int CharLength = ByteLength * 2;

    /// <summary>Validates <paramref name="text"/> and returns its lowercase form, or a reason it is not an id.</summary>
    public static bool TryNormalize(string text, out string normalized, out string error)
    {
        normalized = string.Empty;
        if (text.Length % 2 != 0)
        {
            error = "Odd number of digits";
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                error = string.Create(CultureInfo.InvariantCulture, $"Invalid character {Quote(text[i])} at position {i}");
                return false;
            }
        }

        if (text.Length != CharLength)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"expected {ByteLength} bytes / {CharLength} hex chars, got {text.Length / 2} bytes");
            return false;
        }

        normalized = text.ToLowerInvariant();
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Compares a stored (lowercase) id with a caller-supplied id in any case. Only ASCII A-F are folded, so no
    /// culture or Unicode case rule can make two different ids equal.
    /// </summary>
    public static bool SameId(string storedLower, string candidate)
    {
        if (candidate.Length != storedLower.Length)
        {
            return false;
        }

        for (int i = 0; i < candidate.Length; i++)
        {
            char c = candidate[i];
            if (c is >= 'A' and <= 'F')
            {
                c = (char)(c + ('a' - 'A'));
            }

            if (c != storedLower[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(char c) => char.IsControl(c)
        ? string.Create(CultureInfo.InvariantCulture, $"'\\u{{{(int)c:x}}}'")
        : string.Create(CultureInfo.InvariantCulture, $"'{c}'");
}
