namespace Vigil.Exec.Audit;

/// <summary>
/// Walks an audit log's hash chain and reports the first broken <c>seq</c> and how it broke.
/// </summary>
/// <remarks>
/// A chain only proves what follows a line: editing the very last line, or removing whole lines from the end,
/// leaves a valid shorter chain. Compare the event count (or the last line's hash) with a copy kept
/// elsewhere to detect that. Someone who can rewrite every later line can also forge a new chain.
/// </remarks>
public static class AuditVerifier
{
    public static AuditVerification Verify(string path)
    {
        // .NET reports opening a directory as "access denied", which sends the operator after permissions.
        if (Directory.Exists(path))
        {
            return new(AuditVerificationStatus.Unreadable, 0, null, null, "is a directory, not an audit log");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Unreadable(ex);
        }

        using (stream)
        {
            try
            {
                return Walk(new AuditLineReader(stream));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Unreadable(ex);
            }
        }
    }

    /// <summary>Checks a log already open as <paramref name="stream"/>.</summary>
    internal static AuditVerification Verify(Stream stream) => Walk(new AuditLineReader(stream));

    private static AuditVerification Unreadable(Exception ex) =>
        new(AuditVerificationStatus.Unreadable, 0, null, null, ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message);

    private static AuditVerification Walk(AuditLineReader reader)
    {
        string prev = AuditChain.GenesisPrev;
        long index = 0;
        while (reader.Next() is AuditLine line)
        {
            if (!line.Terminated)
            {
                return Broken(index, AuditBreak.TornLastLine, "the last line has no trailing newline (truncated mid-write)");
            }

            bool parsed = AuditChain.TryReadLink(line.Bytes, out long seq, out string linkPrev);
            string hash = AuditChain.HashLine(line.Bytes);
            if (parsed && seq == index && linkPrev == prev)
            {
                prev = hash;
                index++;
                continue;
            }

            return Diagnose(reader, index, parsed, seq, linkPrev, hash, prev);
        }

        return new AuditVerification(AuditVerificationStatus.Intact, index, null, null, null);
    }

    private static AuditVerification Diagnose(
        AuditLineReader reader, long index, bool parsed, long seq, string linkPrev, string hash, string expectedPrev)
    {
        (bool Parsed, long Seq, string Prev, string Hash)? next = Link(reader.Peek(0));

        // Dropping this line lets the chain continue: it was swapped with its successor, or it does not belong.
        // A swap also leaves the line after the pair chaining to this one; a copy of the successor does not.
        if (next is { Parsed: true } n && n.Seq == index && n.Prev == expectedPrev)
        {
            bool swapped = parsed && seq == index + 1 && linkPrev == n.Hash && ContinuesAfterSwap(Link(reader.Peek(1)), index, hash);
            return swapped
                ? Broken(index, AuditBreak.Reordered, $"seq {index} and seq {index + 1} are swapped")
                : Broken(index, AuditBreak.Inserted, $"a line that is not part of the chain was inserted before seq {index}");
        }

        if (!parsed)
        {
            return Broken(index, AuditBreak.Edited, "the line is not a chained audit record (JSON object with seq and prev)");
        }

        if (seq == index)
        {
            if (index == 0)
            {
                return Broken(0, AuditBreak.Edited, "the first line's prev is not 64 zeros");
            }

            // If the successor still links to this line, this line is intact and its predecessor changed;
            // otherwise this line's own prev field was changed.
            return next is { Parsed: true } m && m.Prev != hash
                ? Broken(index, AuditBreak.Edited, $"the prev field of seq {index} was changed")
                : Broken(index - 1, AuditBreak.Edited, $"seq {index - 1} no longer hashes to the prev recorded by seq {index}");
        }

        if (linkPrev == expectedPrev)
        {
            return Broken(index, AuditBreak.Edited, $"the seq field was changed (expected {index}, found {seq})");
        }

        if (seq > index)
        {
            // The verdict is final either way, so the rest of the file is consumed rather than buffered.
            while (Link(reader.Next()) is { } later)
            {
                if (later.Parsed && later.Seq == index)
                {
                    return Broken(index, AuditBreak.Reordered, $"seq {index} appears later in the file (found seq {seq} in its place)");
                }
            }

            string missing = seq == index + 1 ? $"seq {index} is" : $"seq {index}..{seq - 1} are";
            return Broken(index, AuditBreak.Deleted, $"{missing} missing (found seq {seq})");
        }

        // A second line claiming the seq just before: one of the two was inserted (a forged line can chain
        // perfectly to its predecessor, so the duplicate seq is the first visible inconsistency).
        return seq == index - 1
            ? Broken(seq, AuditBreak.Inserted, $"two lines claim seq {seq}; one of them was inserted")
            : Broken(index, AuditBreak.Inserted, $"seq {seq} repeats an earlier line (expected seq {index})");
    }

    private static bool ContinuesAfterSwap((bool Parsed, long Seq, string Prev, string Hash)? third, long index, string swappedHash) =>
        third is not { } t || (t.Parsed && t.Seq == index + 2 && t.Prev == swappedHash);

    private static (bool Parsed, long Seq, string Prev, string Hash)? Link(AuditLine? line)
    {
        if (line is null)
        {
            return null;
        }

        bool parsed = AuditChain.TryReadLink(line.Bytes, out long seq, out string prev) && line.Terminated;
        return (parsed, seq, prev, AuditChain.HashLine(line.Bytes));
    }

    private static AuditVerification Broken(long seq, AuditBreak kind, string detail) =>
        new(AuditVerificationStatus.Broken, seq, seq, kind, detail);
}
