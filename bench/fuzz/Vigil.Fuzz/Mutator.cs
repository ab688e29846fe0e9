namespace Vigil.Fuzz;

/// <summary>
/// AFL-style stacked mutations: bit flips, interesting bytes, arithmetic, token inserts, range deletes, duplicated
/// and repeated ranges (how nesting and width grow), and splicing with another corpus entry.
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> tokens, int maxLength)
{
    private static readonly byte[] Interesting = [0, 1, 0x7f, 0x80, 0xff, (byte)'\n', (byte)'"', (byte)'\\', (byte)'{', (byte)'[', (byte)'<', (byte)' '];

    public byte[] Mutate(byte[] parent, IReadOnlyList<byte[]> corpus)
    {
        byte[] data = parent.Length == 0 ? [(byte)'a'] : (byte[])parent.Clone();
        int rounds = 1 << random.Next(0, 5);
        for (int i = 0; i < rounds; i++)
        {
            data = Once(data, corpus);
            if (data.Length == 0)
            {
                data = [(byte)'a'];
            }
        }

        return data.Length > maxLength ? data[..maxLength] : data;
    }

    private byte[] Once(byte[] data, IReadOnlyList<byte[]> corpus)
    {
        int at = random.Next(data.Length);
        switch (random.Next(11))
        {
            case 0:
                data[at] ^= (byte)(1 << random.Next(8));
                return data;
            case 1:
                data[at] = (byte)random.Next(256);
                return data;
            case 2:
                data[at] = Interesting[random.Next(Interesting.Length)];
                return data;
            case 3:
                data[at] = (byte)(data[at] + random.Next(-35, 36));
                return data;
            case 4:
                return Insert(data, at, tokens[random.Next(tokens.Count)]);
            case 5:
                byte[] token = tokens[random.Next(tokens.Count)];
                return Overwrite(data, at, token);
            case 6:
                int length = random.Next(1, Math.Min(data.Length - at, 64) + 1);
                return [.. data.AsSpan(0, at), .. data.AsSpan(at + length)];
            case 7:
                return Insert(data, random.Next(data.Length + 1), Chunk(data));
            case 8:
                // Repeating a short range many times makes deep nesting and very wide lines.
                byte[] unit = Chunk(data, 8);
                int times = 1 << random.Next(1, 11);
                byte[] repeated = new byte[Math.Min(unit.Length * times, maxLength)];
                for (int k = 0; k < repeated.Length; k++)
                {
                    repeated[k] = unit[k % unit.Length];
                }

                return Insert(data, at, repeated);
            case 9:
                byte[] other = corpus[random.Next(corpus.Count)];
                int cut = random.Next(other.Length + 1);
                return [.. data.AsSpan(0, at), .. other.AsSpan(cut)];
            default:
                byte[] noise = new byte[random.Next(1, 17)];
                random.NextBytes(noise);
                return Insert(data, at, noise);
        }
    }

    private byte[] Chunk(byte[] data, int max = 256)
    {
        int start = random.Next(data.Length);
        int length = random.Next(1, Math.Min(data.Length - start, max) + 1);
        return data[start..(start + length)];
    }

    private static byte[] Insert(byte[] data, int at, byte[] piece) => [.. data.AsSpan(0, at), .. piece, .. data.AsSpan(at)];

    private static byte[] Overwrite(byte[] data, int at, byte[] piece)
    {
        if (at + piece.Length > data.Length)
        {
            return Insert(data, at, piece);
        }

        piece.CopyTo(data, at);
        return data;
    }
}
