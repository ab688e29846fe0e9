using CsCheck;
using Vigil.Exec.Audit;
using Vigil.Exec.Tests.Identity;
using static Vigil.Exec.Tests.Audit.AuditTestData;

namespace Vigil.Exec.Tests.Audit;

/// <summary>Every single tampering of a random kind at a random place is found at the right seq.</summary>
public sealed class AuditVerifierPropertyTests
{
    private const int Lines = 20;

    private static async Task<List<byte[]>> ChainAsync()
    {
        using var temp = new TempDirectory();
        return await WriteLogAsync(temp.Combine("exec.log"), Lines, new ManualTimeProvider(Epoch));
    }

    private static AuditVerification Verify(IEnumerable<byte[]> lines)
    {
        using var stream = new MemoryStream();
        foreach (byte[] line in lines)
        {
            stream.Write(line);
            stream.WriteByte((byte)'\n');
        }

        stream.Position = 0;
        return AuditVerifier.Verify(stream);
    }

    private static readonly Gen<(int N, int K)> PrefixAndLine =
        Gen.Int[3, Lines].SelectMany(n => Gen.Int[0, n - 2].Select(k => (n, k)));

    [Fact]
    public async Task AnyPrefixOfAChain_IsIntact()
    {
        List<byte[]> chain = await ChainAsync();
        Gen.Int[0, Lines].Sample(n =>
        {
            AuditVerification result = Verify(chain.Take(n));
            Assert.Equal((AuditVerificationStatus.Intact, (long)n), (result.Status, result.EventCount));
        });
    }

    [Fact]
    public async Task DeletingAnyLineButTheLast_IsDeletedAtItsSeq()
    {
        List<byte[]> chain = await ChainAsync();
        PrefixAndLine.Sample(t =>
        {
            List<byte[]> lines = chain.Take(t.N).ToList();
            lines.RemoveAt(t.K);
            AuditVerification result = Verify(lines);
            Assert.Equal((AuditBreak.Deleted, (long)t.K), (result.Break, result.BrokenSeq));
        });
    }

    [Fact]
    public async Task SwappingAnyNeighbours_IsReorderedAtTheFirst()
    {
        List<byte[]> chain = await ChainAsync();
        PrefixAndLine.Sample(t =>
        {
            List<byte[]> lines = chain.Take(t.N).ToList();
            (lines[t.K], lines[t.K + 1]) = (lines[t.K + 1], lines[t.K]);
            AuditVerification result = Verify(lines);
            Assert.Equal((AuditBreak.Reordered, (long)t.K), (result.Break, result.BrokenSeq));
        });
    }

    [Fact]
    public async Task FlippingAnyByteOfAnyLineButTheLast_IsEditedAtItsSeq()
    {
        List<byte[]> chain = await ChainAsync();
        PrefixAndLine.SelectMany(t => Gen.Int[0, chain[t.K].Length - 1].Select(b => (t.N, t.K, b))).Sample(t =>
        {
            List<byte[]> lines = chain.Take(t.N).ToList();
            byte[] edited = (byte[])lines[t.K].Clone();
            edited[t.b] = edited[t.b] == (byte)'7' ? (byte)'8' : (byte)'7';
            lines[t.K] = edited;
            AuditVerification result = Verify(lines);
            Assert.Equal(AuditVerificationStatus.Broken, result.Status);
            Assert.Equal(t.K, result.BrokenSeq);
        });
    }

    [Fact]
    public async Task InsertingACopyOfAnyLine_IsInserted()
    {
        List<byte[]> chain = await ChainAsync();
        PrefixAndLine.SelectMany(t => Gen.Int[0, t.N - 1].Select(j => (t.N, t.K, j))).Sample(t =>
        {
            List<byte[]> lines = chain.Take(t.N).ToList();
            lines.Insert(t.K, chain[t.j]);
            AuditVerification result = Verify(lines);
            Assert.Equal(AuditBreak.Inserted, result.Break);

            // A copy of the very line it precedes is identical to it, so either of the pair may be named.
            Assert.InRange(result.BrokenSeq!.Value, t.K, t.j == t.K ? t.K + 1 : t.K);
        });
    }

    [Fact]
    public async Task CuttingTheFileAnywhere_IsIntactAtALineEnd_OrTornInsideALine()
    {
        List<byte[]> chain = await ChainAsync();
        using var full = new MemoryStream();
        foreach (byte[] line in chain)
        {
            full.Write(line);
            full.WriteByte((byte)'\n');
        }

        byte[] bytes = full.ToArray();
        Gen.Int[1, bytes.Length].Sample(cut =>
        {
            using var stream = new MemoryStream(bytes, 0, cut);
            AuditVerification result = AuditVerifier.Verify(stream);
            long completeLines = bytes.AsSpan(0, cut).Count((byte)'\n');
            if (bytes[cut - 1] == (byte)'\n')
            {
                Assert.Equal((AuditVerificationStatus.Intact, completeLines), (result.Status, result.EventCount));
            }
            else
            {
                Assert.Equal((AuditBreak.TornLastLine, completeLines), (result.Break, result.BrokenSeq));
            }
        });
    }
}
