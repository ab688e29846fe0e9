using Vigil.Core.Columns;
using Vigil.Core.Roles;

namespace Vigil.Formats.Engine;

/// <summary>Puts a parser's <see cref="IColumnRoleHints"/> on a batch's columns (a no-op for parsers without hints).</summary>
internal static class ColumnRoleHinting
{
    public static Column[] Apply(IFormatParser parser, Column[] columns)
    {
        if (parser is IColumnRoleHints hints)
        {
            for (int i = 0; i < columns.Length; i++)
            {
                if (hints.RoleHint(columns[i].Name) is ColumnRole role)
                {
                    columns[i] = columns[i].WithRoleHint(role);
                }
            }
        }

        return columns;
    }
}
