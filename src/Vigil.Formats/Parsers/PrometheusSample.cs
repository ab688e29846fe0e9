using System.Globalization;
using System.Text;

namespace Vigil.Formats.Parsers;

/// <summary>
/// One exposition sample line, <c>name{label="value",...} value [timestamp] [# exemplar]</c>, parsed in place and
/// reused across lines. <see cref="TryParse"/> returns null on success or the error text.
/// </summary>
internal sealed class PrometheusSample
{
    private readonly StringBuilder _text = new();

    public string Name { get; private set; } = "";

    public List<KeyValuePair<string, string>> Labels { get; } = [];

    /// <summary>The sample value; NaN/±Inf are kept here and become Null in the table.</summary>
    public double Value { get; private set; }

    public long? TimestampMs { get; private set; }

    public double TimestampSeconds { get; private set; }

    public string? TryParse(ReadOnlySpan<char> s, bool openMetrics)
    {
        Labels.Clear();
        TimestampMs = null;
        int i = 0;
        SkipBlanks(s, ref i);
        int start = i;
        if (i >= s.Length || !(char.IsAsciiLetter(s[i]) || s[i] == '_' || s[i] == ':'))
        {
            return "expected metric name";
        }

        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_' || s[i] == ':'))
        {
            i++;
        }

        Name = s[start..i].ToString();
        SkipBlanks(s, ref i);
        if (i < s.Length && s[i] == '{')
        {
            i++;
            if (ParseLabels(s, ref i) is string labelError)
            {
                return labelError;
            }
        }

        SkipBlanks(s, ref i);
        ReadOnlySpan<char> valueToken = Token(s, ref i);
        if (valueToken.IsEmpty)
        {
            return "missing metric value";
        }

        if (!TryParseValue(valueToken, out double value))
        {
            return $"invalid metric value '{valueToken}'";
        }

        Value = value;
        SkipBlanks(s, ref i);
        if (i < s.Length && s[i] != '#')
        {
            ReadOnlySpan<char> ts = Token(s, ref i);
            if (!openMetrics && TypeInference.TryParseRustInt(ts, out long ms))
            {
                TimestampMs = ms;
                TimestampSeconds = ms / 1000.0;
            }
            else if (openMetrics && TypeInference.TryParseRustFiniteFloat(ts, out double seconds) && Math.Abs(seconds) < 9e15)
            {
                TimestampSeconds = seconds;
                TimestampMs = (long)Math.Round(seconds * 1000.0, MidpointRounding.ToEven);
            }
            else
            {
                return $"invalid timestamp '{ts}'";
            }

            SkipBlanks(s, ref i);
            if (i < s.Length && s[i] != '#')
            {
                return $"unexpected text after timestamp '{s[i..]}'";
            }
        }

        return null;
    }

    private string? ParseLabels(ReadOnlySpan<char> s, ref int i)
    {
        while (true)
        {
            SkipBlanks(s, ref i);
            if (i >= s.Length)
            {
                return "unterminated label set";
            }

            if (s[i] == '}')
            {
                i++;
                return null;
            }

            int start = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
            {
                i++;
            }

            if (i == start || char.IsAsciiDigit(s[start]))
            {
                return i >= s.Length ? "unterminated label set" : "expected label name";
            }

            string label = s[start..i].ToString();
            SkipBlanks(s, ref i);
            if (i >= s.Length || s[i] != '=')
            {
                return i >= s.Length ? "unterminated label set" : $"expected '=' after label '{label}'";
            }

            i++;
            SkipBlanks(s, ref i);
            if (i >= s.Length || s[i] != '"')
            {
                return i >= s.Length ? "unterminated label set" : $"expected '\"' to open the value of label '{label}'";
            }

            i++;
            _text.Clear();
            while (i < s.Length && s[i] != '"')
            {
                if (s[i] == '\\' && i + 1 < s.Length)
                {
                    i++;
                    _text.Append(s[i] == 'n' ? '\n' : s[i]);
                }
                else
                {
                    _text.Append(s[i]);
                }

                i++;
            }

            if (i >= s.Length)
            {
                return "unterminated label set";
            }

            i++;
            Labels.Add(new(label, _text.ToString()));
            SkipBlanks(s, ref i);
            if (i < s.Length && s[i] == ',')
            {
                i++;
            }
            else if (i < s.Length && s[i] != '}')
            {
                return "unterminated label set";
            }
        }
    }

    /// <summary>Rust f64 syntax; inf/infinity/nan (any case, optional sign) parse but are non-finite.</summary>
    private static bool TryParseValue(ReadOnlySpan<char> t, out double value)
    {
        if (TypeInference.TryParseRustFiniteFloat(t, out value))
        {
            return true;
        }

        ReadOnlySpan<char> body = t.Length > 0 && (t[0] == '+' || t[0] == '-') ? t[1..] : t;
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = t[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        // Finite-looking text whose magnitude overflows f64 (e.g. 1e999) parses to ±Inf in Rust.
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsInfinity(value) && !body.Contains("inf", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return false;
    }

    private static ReadOnlySpan<char> Token(ReadOnlySpan<char> s, ref int i)
    {
        int start = i;
        while (i < s.Length && s[i] != ' ' && s[i] != '\t')
        {
            i++;
        }

        return s[start..i];
    }

    private static void SkipBlanks(ReadOnlySpan<char> s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t'))
        {
            i++;
        }
    }
}
