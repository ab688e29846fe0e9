using Vigil.Core.Columns;

namespace Vigil.Core.Handles;

/// <summary>Whether a handle points at something in a corpus (reference §1.7).</summary>
public static class HandleResolver
{
    /// <summary>
    /// <c>col:</c>/<c>dist:</c> need the column; <c>cell:C:R</c> needs R &lt; len; <c>range:C:S:E</c> needs
    /// S &lt; E ≤ len; <c>row:R</c> needs R &lt; rows.
    /// </summary>
    public static bool Resolves(RecordSet corpus, Handle handle)
    {
        if (handle.Kind == HandleKind.Row)
        {
            return handle.Row < corpus.Rows;
        }

        Column? c = corpus.Find(handle.Column);
        if (c is null)
        {
            return false;
        }

        return handle.Kind switch
        {
            HandleKind.Cell => handle.Row < c.Length,
            HandleKind.Range => handle.Start < handle.End && handle.End <= c.Length,
            _ => true,
        };
    }
}
