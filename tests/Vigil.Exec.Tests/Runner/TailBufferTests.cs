using CsCheck;
using Vigil.Exec.Runner;

namespace Vigil.Exec.Tests.Runner;

public sealed class TailBufferTests
{
    [Fact]
    public void KeepsExactlyTheLastBytesOfTheConcatenation()
    {
        Gen.Select(Gen.Int[1, 64], Gen.Byte.Array[0, 200].List[0, 20]).Sample((capacity, chunks) =>
        {
            var tail = new TailBuffer(capacity);
            foreach (byte[] chunk in chunks)
            {
                tail.Append(chunk);
            }

            byte[] all = chunks.SelectMany(c => c).ToArray();
            byte[] expected = all.Length <= capacity ? all : all[^capacity..];
            return tail.ToArray().AsSpan().SequenceEqual(expected);
        });
    }
}
