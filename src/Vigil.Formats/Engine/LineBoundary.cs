namespace Vigil.Formats.Engine;

/// <summary>One record per line: a record ends just after each <c>\n</c>.</summary>
internal sealed class LineBoundary : IRecordBoundary
{
    public static LineBoundary Instance { get; } = new();

    public int LastRecordEnd(ReadOnlySpan<byte> data, int maxRecords)
    {
        if (maxRecords <= 0)
        {
            int last = data.LastIndexOf((byte)'\n');
            return last < 0 ? -1 : last + 1;
        }

        int at = 0;
        for (int i = 0; i < maxRecords; i++)
        {
            int nl = data[at..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                return i == 0 ? -1 : at;
            }

            at += nl + 1;
        }

        return at;
    }
}
