namespace Vigil.Scanning.Watch;

/// <summary>Records the watch could not read: how many, and where the first one was (for the one-line report).</summary>
internal sealed class BadRecordTally
{
    public long Count { get; private set; }

    public string? First { get; private set; }

    public void Add(string where)
    {
        Count++;
        First ??= where;
    }

    public void Restore(long count, string? first)
    {
        Count = count;
        First = first;
    }
}
