namespace Vigil.Core.Envelope;

/// <summary>Insertion-ordered string table (reference §2.7): the first sighting of a string gets the next index.</summary>
internal sealed class StringInterner
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    public int Count => _strings.Count;

    public IReadOnlyList<string> Strings => _strings;

    /// <summary>The string's index, assigning the next one on first sight.</summary>
    public int Intern(string value)
    {
        if (!_index.TryGetValue(value, out int i))
        {
            i = _strings.Count;
            _index.Add(value, i);
            _strings.Add(value);
        }

        return i;
    }
}
