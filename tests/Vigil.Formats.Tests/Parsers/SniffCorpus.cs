namespace Vigil.Formats.Tests.Parsers;

/// <summary>
/// Every sample file (shared real samples and the repo's samples/) with the format the registry must route it to when
/// sniffed, used by the negative-sniff tests of issue 3: a parser must not win any other format's file.
/// </summary>
internal static class SniffCorpus
{
    /// <summary>Relative paths (real-samples dir/, or samples/ name) of every sample.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> All()
    {
        string real = Path.Combine(TestData.RepoRoot, "..", "shared", "data", "real-samples");
        foreach (string f in Directory.EnumerateFiles(real, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!f.EndsWith(".md", StringComparison.Ordinal))
            {
                yield return (Path.GetRelativePath(real, f).Replace('\\', '/'), File.ReadAllBytes(f));
            }
        }

        foreach (string f in Directory.EnumerateFiles(Path.Combine(TestData.RepoRoot, "samples")).Order(StringComparer.Ordinal))
        {
            yield return ("samples/" + Path.GetFileName(f), File.ReadAllBytes(f));
        }
    }

    /// <summary>The id the registry's sniff would pick (highest confidence, first registered on a tie), or null.</summary>
    public static string? Winner(ReadOnlySpan<byte> data)
    {
        string? best = null;
        SniffConfidence bestConfidence = SniffConfidence.None;
        foreach (IFormatParser p in FormatRegistry.Parsers)
        {
            SniffConfidence c = p.Sniff(data);
            if (c > bestConfidence)
            {
                best = p.Id;
                bestConfidence = c;
            }
        }

        return best;
    }

    /// <summary>Asserts that no sample outside <paramref name="own"/> (path prefixes) is routed to <paramref name="id"/>.</summary>
    public static void AssertClaimsNoOtherSample(string id, params string[] own)
    {
        var wrong = All()
            .Where(s => !own.Any(o => s.Name.StartsWith(o, StringComparison.Ordinal)))
            .Where(s => Winner(s.Bytes) == id)
            .Select(s => s.Name)
            .ToList();
        Assert.True(wrong.Count == 0, $"{id} wins the sniff of: {string.Join(", ", wrong)}");
    }
}
