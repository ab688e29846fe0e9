using Vigil.Core.Roles;

namespace Vigil.Formats;

/// <summary>
/// A parser that knows the role of some of its columns by name (a signature id that is a category, a chain hash that
/// is an identifier). Readers apply the hints to every batch, so they survive batch assembly.
/// </summary>
public interface IColumnRoleHints
{
    /// <summary>The role of the column called <paramref name="column"/>, or null to let role inference decide.</summary>
    ColumnRole? RoleHint(string column);
}
