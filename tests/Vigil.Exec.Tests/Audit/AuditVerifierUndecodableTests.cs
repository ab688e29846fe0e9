using Vigil.Exec.Audit;
using Vigil.Exec.Tests.Identity;
using static Vigil.Exec.Tests.Audit.AuditTestData;

namespace Vigil.Exec.Tests.Audit;

/// <summary>Issue 14 item 5: a byte that is not UTF-8 inside a line is a broken line at its seq, never an internal error.</summary>
public sealed class AuditVerifierUndecodableTests
{
    public static TheoryData<string> Fields => new() { "\"seq\"", "\"prev\"", "\"event\"", "event-4", "\"agent_id\"" };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task InvalidUtf8InsideALine_IsBrokenAtThatSeq(string field)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        List<byte[]> lines = await WriteLogAsync(path, 8, new ManualTimeProvider(Epoch));
        byte[] target = lines[4];
        int at = System.Text.Encoding.UTF8.GetString(target).IndexOf(field, StringComparison.Ordinal) + 1;
        Assert.True(at > 0);
        target[at] = 0xFF;
        WriteLines(path, lines);

        AuditVerification result = AuditVerifier.Verify(path);

        Assert.Equal(AuditVerificationStatus.Broken, result.Status);
        Assert.Equal(4L, result.BrokenSeq);
    }

    [Fact]
    public async Task EveryNonUtf8ByteInALine_IsBrokenAtThatSeq()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        List<byte[]> lines = await WriteLogAsync(path, 3, new ManualTimeProvider(Epoch));
        byte[] original = lines[1];
        foreach (byte value in new byte[] { 0x80, 0xC0, 0xFE, 0xFF, 0xED })
        {
            for (int i = 0; i < original.Length; i++)
            {
                byte[] flipped = (byte[])original.Clone();
                flipped[i] = value;
                lines[1] = flipped;
                WriteLines(path, lines);
                AuditVerification result = AuditVerifier.Verify(path);
                Assert.Equal((AuditVerificationStatus.Broken, 1L), (result.Status, result.BrokenSeq ?? -1));
            }
        }
    }
}
