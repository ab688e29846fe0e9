using System.Globalization;
using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Tests.Engine;

/// <summary>A parse outcome as text: every column's name, type, null count, dictionary order and cells — or the error.</summary>
internal static class BatchDump
{
    public static string Outcome(IFormatParser parser, byte[] data, Vigil.Formats.Engine.BatchOptions options)
    {
        try
        {
            return Columns(parser.Parse(data, options));
        }
        catch (FormatParseException e)
        {
            return "error: " + e.Format + ": " + e.Message;
        }
    }

    public static string Columns(IReadOnlyList<Column> columns)
    {
        var sb = new StringBuilder();
        foreach (Column c in columns)
        {
            sb.Append(c.Name).Append(" : ").Append(c.Type.ToToken()).Append(" nulls=").Append(c.NullCount)
                .Append(" dict=[").AppendJoin('|', c.Strings).Append("]\n");
            for (int i = 0; i < c.Length; i++)
            {
                Value v = c[i];
                sb.Append("  ").Append(v.Kind).Append(' ');
                sb.Append(v.Kind switch
                {
                    ValueKind.Float => BitConverter.DoubleToInt64Bits(v.AsFloat).ToString("X16", CultureInfo.InvariantCulture),
                    ValueKind.Str => c.StringCode(i).ToString(CultureInfo.InvariantCulture) + ":" + v.AsString,
                    _ => v.ToString(),
                });
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }
}
