using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class JournalParserTests
{
    private readonly JournalParser _journal = new();

    [Fact]
    public void SniffClaimsJsonAndExportEntries()
    {
        Assert.Equal(SniffConfidence.Strong, _journal.Sniff(Utf8("{\"__CURSOR\":\"s=1\",\"MESSAGE\":\"hi\"}\n")));
        Assert.Equal(SniffConfidence.Strong, _journal.Sniff(Utf8("{\"_SYSTEMD_UNIT\":\"a.service\"}\n")));
        Assert.Equal(SniffConfidence.Strong, _journal.Sniff(Utf8("__CURSOR=s=1;i=2\n__REALTIME_TIMESTAMP=1\n")));
        Assert.Equal(SniffConfidence.None, _journal.Sniff(Utf8("{\"MESSAGE\":\"hi\"}\n")));
        Assert.Equal(SniffConfidence.None, _journal.Sniff(Utf8("MESSAGE=hi\n")));
        Assert.Equal(SniffConfidence.Strong, _journal.Sniff(Real("journald/journalctl-export-archlinux.export")));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("journal", "journald/", "samples/journal-");

    [Fact]
    public void ClaimsNoExtension() => Assert.Empty(_journal.Extensions);

    [Fact]
    public void JsonStringsAreInferred()
    {
        var cols = Parse(_journal, "{\"__REALTIME_TIMESTAMP\":\"1758137056706827\",\"PRIORITY\":\"6\",\"MESSAGE\":\"hi\",\"DATA\":[72,73]}\n"
            + "{\"__REALTIME_TIMESTAMP\":\"1758137056709853\",\"PRIORITY\":\"3\",\"MESSAGE\":\"\"}\n");
        Assert.Equal(["DATA", "MESSAGE", "PRIORITY", "__REALTIME_TIMESTAMP", "__REALTIME_TIMESTAMP_epoch"], cols.Names());
        Assert.Equal([I(1758137056706827), I(1758137056709853)], cols.Col("__REALTIME_TIMESTAMP").Cells());
        Assert.Equal([F(1758137056.706827), F(1758137056.709853)], cols.Col("__REALTIME_TIMESTAMP_epoch").Cells());
        Assert.Equal([I(6), I(3)], cols.Col("PRIORITY").Cells());
        Assert.Equal([S("hi"), N], cols.Col("MESSAGE").Cells());
        Assert.Equal([S("[72,73]"), N], cols.Col("DATA").Cells());
    }

    [Fact]
    public void RealExportFile()
    {
        var cols = _journal.Parse(Real("journald/journalctl-export-archlinux.export"));
        Assert.Equal(10, cols[0].Length);
        // Entry 1: __CURSOR=s=f4312f...;x=2e90fa1ed891fd19 / __REALTIME_TIMESTAMP=1758137056706827 / ... / MESSAGE=[ 1] log entry / _PID=7136
        Assert.Equal(I(1758137056706827), cols.Col("__REALTIME_TIMESTAMP")[0]);
        Assert.Equal(F(1758137056.706827), cols.Col("__REALTIME_TIMESTAMP_epoch")[0]);
        Assert.Equal(I(6), cols.Col("PRIORITY")[0]);
        Assert.Equal(S("[ 1] log entry"), cols.Col("MESSAGE")[0]);
        Assert.Equal(I(7136), cols.Col("_PID")[0]);
        Assert.Equal(S("archlinux"), cols.Col("_HOSTNAME")[0]);
        // Entry 2 adds _COMM=cat.
        Assert.Equal(N, cols.Col("_COMM")[0]);
        Assert.Equal(S("cat"), cols.Col("_COMM")[1]);
        Assert.Equal(ColumnType.Int, cols.Col("_UID").Type);
    }

    [Fact]
    public void RealJsonPrettyEntry()
    {
        byte[] data = Real("journald/journalctl-json-pretty-single-entry.json");
        Assert.Equal(SniffConfidence.Strong, _journal.Sniff(data));
        var cols = _journal.Parse(data);
        Assert.Equal(1, cols[0].Length);
        Assert.Equal(S("Count: 0000000001"), cols.Col("MESSAGE")[0]);
        Assert.Equal(I(235728), cols.Col("_PID")[0]);
        Assert.Equal(S("session-2.scope"), cols.Col("_SYSTEMD_UNIT")[0]);
        Assert.Equal(I(1724080855230058), cols.Col("__REALTIME_TIMESTAMP")[0]);
        Assert.Equal(F(1724080855.230058), cols.Col("__REALTIME_TIMESTAMP_epoch")[0]);
    }

    [Fact]
    public void ExportBinaryFields()
    {
        byte[] head = Utf8("__CURSOR=c1\nMESSAGE\n");
        byte[] payload = Utf8("two\nlines");
        byte[] tail = Utf8("\n_PID=5\n\n__CURSOR=c2\nBLOB\n");
        byte[] blob = [0xFF, 0x00];
        byte[] data = [.. head, .. BitConverter.GetBytes((ulong)payload.Length), .. payload, .. tail, .. BitConverter.GetBytes((ulong)blob.Length), .. blob, (byte)'\n'];
        var cols = _journal.Parse(data);
        Assert.Equal([S("two\nlines"), N], cols.Col("MESSAGE").Cells());
        Assert.Equal([I(5), N], cols.Col("_PID").Cells());
        Assert.Equal([N, S("ff00")], cols.Col("BLOB").Cells());
        Assert.Equal([S("c1"), S("c2")], cols.Col("__CURSOR").Cells());
    }

    [Fact]
    public void MalformedInputFailsNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_journal, "{\"__CURSOR\":\"a\"}\n\"str\"\n"));
        Assert.Equal("journal", e.Format);
        Assert.Equal(2, e.Line);
        Assert.Equal(2, Assert.Throws<FormatParseException>(() => Parse(_journal, "__CURSOR=a\nBLOB\n\x01")).Line);
        Assert.Equal(3, Assert.Throws<FormatParseException>(() => Parse(_journal, "{\"__CURSOR\":\"a\"}\n\n{\"__CURSOR\": }\n")).Line);
    }
}
