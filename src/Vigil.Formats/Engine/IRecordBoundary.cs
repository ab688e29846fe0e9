namespace Vigil.Formats.Engine;

/// <summary>Where records end in a format's bytes, so the engine can cut chunks that parse independently.</summary>
internal interface IRecordBoundary
{
    /// <summary>
    /// For <paramref name="data"/> starting at a record start: the offset just after the terminator of the last whole
    /// record in it (or of the <paramref name="maxRecords"/>-th, when that is positive), or -1 when no record ends
    /// inside. Only offsets where a refill cannot change the answer qualify (after a <c>\n</c>, not after a lone <c>\r</c>).
    /// </summary>
    int LastRecordEnd(ReadOnlySpan<byte> data, int maxRecords);

    /// <summary>False when the first chunk must grow before the format can decide anything from it.</summary>
    bool AcceptsFirstChunk(ReadOnlySpan<byte> data) => true;
}
