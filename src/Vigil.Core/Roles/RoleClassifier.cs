using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Core.Roles;

/// <summary>Deterministic column-role classification (reference §2.6), evaluated in the reference's order.</summary>
public static class RoleClassifier
{
    private static readonly HashSet<string> IdentifierTokens = new(StringComparer.Ordinal)
    {
        "id", "ids", "uid", "uuid", "guid", "gid", "pid", "procid", "ppid", "tid", "sid", "session", "sessionid",
    };

    private static readonly HashSet<string> SequenceTokens = new(StringComparer.Ordinal) { "timestamp", "ts" };

    public static ColumnRole Classify(Column column)
    {
        if (DistinctNonNullAtMostOne(column))
        {
            return ColumnRole.Constant;
        }

        if (column.RoleHint is ColumnRole hint)
        {
            return hint;
        }

        List<string> tokens = Tokenize(column.Name);
        if (tokens.Exists(IdentifierTokens.Contains))
        {
            return ColumnRole.Identifier;
        }

        if (tokens.Exists(SequenceTokens.Contains))
        {
            return ColumnRole.Sequence;
        }

        if (column.Type.IsNumeric())
        {
            return IsLongStrictlyMonotone(column) ? ColumnRole.Sequence : ColumnRole.Measurement;
        }

        return ColumnRole.Categorical;
    }

    /// <summary>
    /// Splits a column name into lowercase ASCII-alphanumeric tokens; any other character closes a token, and an
    /// uppercase letter after a lowercase letter or digit starts a new one (camelCase).
    /// </summary>
    public static List<string> Tokenize(string name)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        char prev = '\0';
        foreach (char ch in name)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (char.IsAsciiLetterUpper(ch) && (char.IsAsciiLetterLower(prev) || char.IsAsciiDigit(prev)) && current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                current.Append(char.ToLowerInvariant(ch));
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }

            prev = ch;
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static bool DistinctNonNullAtMostOne(Column column)
    {
        bool seen = false;
        Value first = default;
        for (int row = 0; row < column.Length; row++)
        {
            Value v = column[row];
            if (v.IsNull)
            {
                continue;
            }

            if (!seen)
            {
                first = v;
                seen = true;
            }
            else if (!SameIdentity(first, v))
            {
                return false;
            }
        }

        return true;
    }

    // Identity as the reference's canonical key: kinds must match; floats compare by bit pattern (0.0 ≠ -0.0).
    private static bool SameIdentity(Value a, Value b) => a.Kind == b.Kind && a.Equals(b);

    // At least 20 finite numeric values, strictly increasing or strictly decreasing (over numeric(), in row order).
    // Streams over the cells instead of materialising numeric(): this runs on every column of every scan.
    private static bool IsLongStrictlyMonotone(Column column)
    {
        bool increasing = true, decreasing = true, any = false;
        double prev = 0;
        int count = 0;
        for (int row = 0; row < column.Length; row++)
        {
            if (!column.TryGetDouble(row, out double x) || !double.IsFinite(x))
            {
                continue;
            }

            if (any)
            {
                increasing &= x > prev;
                decreasing &= x < prev;
                if (!increasing && !decreasing)
                {
                    return false;
                }
            }

            any = true;
            prev = x;
            count++;
        }

        return count >= 20;
    }
}
