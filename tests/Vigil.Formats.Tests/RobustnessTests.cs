using CsCheck;
using Vigil.Core.Columns;

namespace Vigil.Formats.Tests;

/// <summary>
/// Reference §6.3 for every registered parser: arbitrary bytes and mutations of real inputs never make a sniff
/// throw, and a parse throws nothing but <see cref="FormatParseException"/>. Inputs stay small (≤ 4 KiB).
/// </summary>
public sealed class RobustnessTests
{
    private static readonly Lazy<byte[][]> Seeds = new(() =>
    {
        string real = Path.Combine(TestData.RepoRoot, "..", "shared", "data", "real-samples");
        var files = Directory.EnumerateFiles(real, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(TestData.RepoRoot, "samples")))
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var seeds = files.Select(f =>
        {
            byte[] b = File.ReadAllBytes(f);
            return b.Length > 2048 ? b[..2048] : b;
        }).ToList();
        seeds.Add(TestData.Utf8("{\"a\":1}\n{\"a\":[1,{\"b\":null}]}\n{\"a\":"));
        seeds.Add(TestData.Utf8("a,b,c\n1,\"x\"\"y\",3\n4,5\n\"open"));
        seeds.Add(TestData.Utf8("#separator \\x09\n#fields\ta\tb\n1\t2\n"));
        return [.. seeds];
    });

    public static TheoryData<string> ParserIds()
    {
        var data = new TheoryData<string>();
        foreach (IFormatParser p in FormatRegistry.Parsers)
        {
            data.Add(p.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ParserIds))]
    public void ArbitraryBytes(string id)
    {
        IFormatParser parser = FormatRegistry.Find(id)!;
        Gen.Byte.Array[0, 1024].Sample(bytes => Survives(parser, bytes), iter: 300, threads: 1);
    }

    [Theory]
    [MemberData(nameof(ParserIds))]
    public void MutatedRealInputs(string id)
    {
        IFormatParser parser = FormatRegistry.Find(id)!;
        byte[][] seeds = Seeds.Value;
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 4], Gen.Int[0, 4096], Gen.Byte.Array[1, 16])
            .Sample((seed, op, pos, bytes) => Survives(parser, Mutate(seeds[seed], op, pos, bytes)), iter: 300, threads: 1);
    }

    [Fact]
    public void NormalizeIsTotalAndDeterministic()
    {
        Gen.Select(Gen.Byte.Array[0, 1024], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 0, 6])
            .Sample((bytes, ext) =>
            {
                string a = Outcome(bytes, "fuzz." + ext);
                string b = Outcome(bytes, "fuzz." + ext);
                Assert.Equal(a, b);
            }, iter: 300, threads: 1);
    }

    private static string Outcome(byte[] bytes, string source)
    {
        try
        {
            RecordSet set = FormatResolver.Normalize(source, bytes);
            return set.Format + ":" + string.Join(",", set.Columns.Select(c => c.Name + "/" + c.Type + "/" + string.Join("|", Enumerable.Range(0, c.Length).Select(i => c[i].ToString()))));
        }
        catch (FormatParseException e)
        {
            return "parse:" + e.Format + ":" + e.Message;
        }
        catch (UnknownFormatException e)
        {
            return "unknown:" + e.Message;
        }
    }

    private static bool Survives(IFormatParser parser, byte[] bytes)
    {
        parser.Sniff(bytes);
        try
        {
            IReadOnlyList<Column> columns = parser.Parse(bytes);
            int rows = columns.Count == 0 ? 0 : columns[0].Length;
            return columns.All(c => c.Length == rows);
        }
        catch (FormatParseException e)
        {
            return e.Format == parser.Id;
        }
    }

    private static byte[] Mutate(byte[] seed, int op, int pos, byte[] bytes)
    {
        if (seed.Length == 0)
        {
            return bytes;
        }

        int at = pos % seed.Length;
        return op switch
        {
            0 => seed[..at],
            1 => [.. seed[..at], (byte)(seed[at] ^ (bytes[0] | 1)), .. seed[(at + 1)..]],
            2 => [.. seed[..at], .. bytes, .. seed[at..]],
            3 => [.. seed[..at], .. seed[Math.Min(seed.Length, at + bytes.Length)..]],
            _ => [.. seed[..at], .. seed[at..Math.Min(seed.Length, at + 64)], .. seed[at..]],
        };
    }
}
