using Vigil.Formats.Engine;
using Vigil.Formats.Tests.Parsers;

namespace Vigil.Formats.Tests.Engine;

/// <summary>
/// Batch boundaries do not matter: every registered parser, forced on every sample file (its own format's and all
/// others', so error paths count too), gives the same columns — names, types, dictionary order, cells — or the same
/// error text with batches of 1 row, 7 rows, 13 bytes, the default, and one thread or several.
/// </summary>
public sealed class BatchBoundaryTests
{
    private static readonly BatchOptions[] Variants =
    [
        new(MaxRows: 1),
        new(MaxRows: 7),
        new(MaxRows: 7, Parallelism: 1),
        new(MaxBytes: 13, Parallelism: 2),
        new(Parallelism: 1),
    ];

    public static TheoryData<string> ParserIds => new(FormatRegistry.Parsers.Select(p => p.Id));

    [Theory]
    [MemberData(nameof(ParserIds))]
    public void Every_sample_reads_the_same_whatever_the_batches(string id)
    {
        IFormatParser parser = FormatRegistry.Find(id)!;
        foreach ((string name, byte[] bytes) in SniffCorpus.All().Concat(Inline()))
        {
            string expected = BatchDump.Outcome(parser, bytes, default);
            foreach (BatchOptions options in Variants)
            {
                string actual = BatchDump.Outcome(parser, bytes, options);
                if (expected != actual)
                {
                    int at = 0;
                    while (at < Math.Min(expected.Length, actual.Length) && expected[at] == actual[at])
                    {
                        at++;
                    }

                    int from = Math.Max(0, at - 300);
                    Assert.Fail($"{id} on {name} with {options}, first difference at {at}:\n--- default\n{Around(expected, from)}\n--- {options}\n{Around(actual, from)}");
                }
            }
        }
    }

    /// <summary>Shapes the sample files lack: quoted newlines, CR terminators, BOM, ragged rows, blank lines, no final newline.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> Inline()
    {
        yield return ("csv-quoted", TestData.Utf8("a,b,c\n1,\"x\ny\",3\n\"q\"\"t\",2.5,\r\n\r\n4,\"open\n5,6,7\n"));
        yield return ("csv-cr", TestData.Utf8("a,b\r1,2\r3,x\r\n\n5,\"6\"tail\n"));
        yield return ("csv-bom", [0xEF, 0xBB, 0xBF, .. TestData.Utf8("é,b\n1,ü\n2,ü\n3,x\n4,ü")]);
        yield return ("csv-ragged", TestData.Utf8("a,b\n1,2\n3\n4,5,6\n"));
        yield return ("csv-stray-quote", TestData.Utf8("a,b\nx\"y,1\n\"z\n\",2\nw,3\n"));
        yield return ("blank", TestData.Utf8("  \n\n \t\n"));
        yield return ("empty", []);
        yield return ("logfmt", TestData.Utf8("b=1 a=x\n\nc=\"q \\\" r\" a=2 flag\nz=1.5 a=true\nb= a=\n"));
        yield return ("bad-utf8", [.. TestData.Utf8("a=1\nb=2\nc=3\n"), 0xC3, 0x28, .. TestData.Utf8("\nd=4\n")]);
    }

    private static string Around(string s, int from) => from >= s.Length ? "(end)" : s.Substring(from, Math.Min(600, s.Length - from));
}
