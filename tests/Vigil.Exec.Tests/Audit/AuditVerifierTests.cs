using System.Text;
using Vigil.Exec.Audit;
using Vigil.Exec.Tests.Identity;
using static Vigil.Exec.Tests.Audit.AuditTestData;

namespace Vigil.Exec.Tests.Audit;

public sealed class AuditVerifierTests
{
    private readonly ManualTimeProvider _clock = new(Epoch);

    private async Task<(TempDirectory Temp, string Path, List<byte[]> Lines)> TenLineLogAsync()
    {
        var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        List<byte[]> lines = await WriteLogAsync(path, 10, _clock);
        return (temp, path, lines);
    }

    private static void AssertBroken(string path, long seq, AuditBreak kind)
    {
        AuditVerification result = AuditVerifier.Verify(path);
        Assert.Equal(AuditVerificationStatus.Broken, result.Status);
        Assert.Equal((seq, kind), (result.BrokenSeq!.Value, result.Break!.Value));
        Assert.False(string.IsNullOrEmpty(result.Detail));
    }

    private static byte[] Replace(byte[] line, string from, string to)
    {
        string text = Encoding.UTF8.GetString(line);
        Assert.Contains(from, text);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IntactLog_Verifies()
    {
        var (temp, path, _) = await TenLineLogAsync();
        using (temp)
        {
            AuditVerification result = AuditVerifier.Verify(path);
            Assert.Equal(AuditVerificationStatus.Intact, result.Status);
            Assert.Equal(10, result.EventCount);
            Assert.Null(result.BrokenSeq);
        }
    }

    [Fact]
    public void EmptyLog_IsIntactWithNoEvents()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        File.WriteAllBytes(path, []);
        AuditVerification result = AuditVerifier.Verify(path);
        Assert.Equal((AuditVerificationStatus.Intact, 0L), (result.Status, result.EventCount));
    }

    [Fact]
    public async Task EditedContent_IsReportedAtTheEditedSeq()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            lines[5] = Replace(lines[5], "event-5", "event-X");
            WriteLines(path, lines);
            AssertBroken(path, 5, AuditBreak.Edited);
        }
    }

    [Fact]
    public async Task EditedSeqField_IsEdited()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            lines[4] = Replace(lines[4], "\"seq\":4", "\"seq\":40");
            WriteLines(path, lines);
            AssertBroken(path, 4, AuditBreak.Edited);
        }
    }

    [Fact]
    public async Task EditedPrevField_IsReportedAtItsOwnSeq()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            string text = Encoding.UTF8.GetString(lines[6]);
            int at = text.IndexOf("\"prev\":\"", StringComparison.Ordinal) + 8;
            char swapped = text[at] == '0' ? '1' : '0';
            lines[6] = Encoding.UTF8.GetBytes(text[..at] + swapped + text[(at + 1)..]);
            WriteLines(path, lines);
            AssertBroken(path, 6, AuditBreak.Edited);
        }
    }

    [Fact]
    public async Task EditedFirstLine_IsSeqZero()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            lines[0] = Replace(lines[0], "event-0", "event-Y");
            WriteLines(path, lines);
            AssertBroken(path, 0, AuditBreak.Edited);
        }
    }

    [Fact]
    public async Task LineThatIsNoLongerJson_IsEdited()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            lines[3] = Encoding.UTF8.GetBytes("garbage");
            WriteLines(path, lines);
            AssertBroken(path, 3, AuditBreak.Edited);
        }
    }

    [Fact]
    public async Task InsertedCopyOfAnEarlierLine_IsInserted()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            lines.Insert(5, lines[2]);
            WriteLines(path, lines);
            AssertBroken(path, 5, AuditBreak.Inserted);
        }
    }

    [Fact]
    public async Task InsertedForgedLineClaimingTheNextSeq_IsInserted()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            byte[] forged = Replace(lines[5], "event-5", "forged");
            lines.Insert(5, forged);
            WriteLines(path, lines);
            AssertBroken(path, 5, AuditBreak.Inserted);
        }
    }

    [Fact]
    public async Task DeletedLine_IsDeleted()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            lines.RemoveAt(5);
            WriteLines(path, lines);
            AssertBroken(path, 5, AuditBreak.Deleted);
        }
    }

    [Fact]
    public async Task SeveralDeletedLines_AreDeletedFromTheFirstMissingSeq()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            lines.RemoveRange(2, 3);
            WriteLines(path, lines);
            AssertBroken(path, 2, AuditBreak.Deleted);
        }
    }

    [Fact]
    public async Task SwappedNeighbours_AreReordered()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            (lines[5], lines[6]) = (lines[6], lines[5]);
            WriteLines(path, lines);
            AssertBroken(path, 5, AuditBreak.Reordered);
        }
    }

    [Fact]
    public async Task LineMovedToTheEnd_IsReordered()
    {
        var (temp, path, lines) = await TenLineLogAsync();
        using (temp)
        {
            byte[] moved = lines[2];
            lines.RemoveAt(2);
            lines.Add(moved);
            WriteLines(path, lines);
            AssertBroken(path, 2, AuditBreak.Reordered);
        }
    }

    [Fact]
    public async Task TruncatedMidLine_IsTornLastLine()
    {
        var (temp, path, _) = await TenLineLogAsync();
        using (temp)
        {
            byte[] content = File.ReadAllBytes(path);
            File.WriteAllBytes(path, content[..^20]);
            AssertBroken(path, 9, AuditBreak.TornLastLine);
        }
    }

    [Fact]
    public void MissingFile_IsUnreadable()
    {
        using var temp = new TempDirectory();
        AuditVerification result = AuditVerifier.Verify(temp.Combine("nope.log"));
        Assert.Equal(AuditVerificationStatus.Unreadable, result.Status);
        Assert.Equal("no such file", result.Detail);
    }

    [Fact]
    public void Directory_IsUnreadable()
    {
        using var temp = new TempDirectory();
        Assert.Equal(AuditVerificationStatus.Unreadable, AuditVerifier.Verify(temp.Path).Status);
    }
}
