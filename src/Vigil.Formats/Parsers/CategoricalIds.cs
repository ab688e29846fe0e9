using Vigil.Core.Columns;
using Vigil.Core.Roles;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Marks id-named columns that are really categories (a signature or event-type code) as
/// <see cref="ColumnRole.Categorical"/>, so role gating does not hide them from <c>dist.chi2</c> the way the
/// reference does (§9 "role gating hides the marketed features"). Such columns are emitted as Str by their parsers.
/// </summary>
internal static class CategoricalIds
{
    public static Column[] Mark(Column[] columns, params ReadOnlySpan<string> names)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            foreach (string name in names)
            {
                if (string.Equals(columns[i].Name, name, StringComparison.Ordinal))
                {
                    columns[i] = columns[i].WithRoleHint(ColumnRole.Categorical);
                }
            }
        }

        return columns;
    }
}
