using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class AuditdParserTests
{
    private readonly AuditdParser _auditd = new();

    [Fact]
    public void RealRhel7SyscallExecveRecords()
    {
        var cols = _auditd.Parse(Real("auditd/go-libaudit-rhel7-syscall-execve-path.log"));
        // Line 1: type=SYSCALL msg=audit(1492037289.295:58): arch=c000003e syscall=42 success=no exit=-115 ...
        Assert.Equal(F(1492037289.295), cols.Col("epoch")[0]);
        Assert.Equal(I(58), cols.Col("serial")[0]);
        Assert.Equal(S("SYSCALL"), cols.Col("type")[0]);
        Assert.Equal(S("42"), cols.Col("syscall")[0]);
        Assert.Equal(ColumnRole.Categorical, cols.Col("syscall").RoleHint);
        Assert.Equal(I(-115), cols.Col("exit")[0]);
        Assert.Equal(S("google_accounts"), cols.Col("comm")[0]);
        Assert.Equal(S("(null)"), cols.Col("key")[0]);
        Assert.Equal(S("c000003e"), cols.Col("arch")[0]);
        // Line 2 is the SOCKADDR record of the same event: no syscall.
        Assert.Equal(I(58), cols.Col("serial")[1]);
        Assert.Equal(N, cols.Col("syscall")[1]);
        Assert.Equal(S("02000050A9FEA9FE0000000000000000"), cols.Col("saddr")[1]);
        // Line 4: type=EXECVE ... argc=3 a0="grep" a1="--color=auto" a2="mapping"
        Assert.Equal(S("EXECVE"), cols.Col("type")[3]);
        Assert.Equal(I(3), cols.Col("argc")[3]);
        Assert.Equal(S("--color=auto"), cols.Col("a1")[3]);
        Assert.Equal(ColumnType.Float, cols.Col("epoch").Type);
        Assert.Equal(ColumnRole.Sequence, cols.Col("epoch").RoleHint);
        // User and group ids name accounts: categories, kept as strings.
        Assert.Equal(S("4294967295"), cols.Col("auid")[0]);
        Assert.Equal(ColumnRole.Categorical, cols.Col("auid").RoleHint);
        Assert.Equal(S("6"), cols.Col("a0")[0]);
        Assert.Equal(ColumnRole.Identifier, cols.Col("a0").RoleHint);
        Assert.Equal(I(1172), cols.Col("pid")[0]);
        Assert.Null(cols.Col("pid").RoleHint);
    }

    [Fact]
    public void ExecveRecordsGetArgvAndArgv0()
    {
        // auditd quotes printable words and writes the others as bare hex: 6563686F2068656C6C6F is "echo hello";
        // FF is not UTF-8, so it stays as written. SYSCALL registers a0..a3 are not argv.
        string text =
            "type=SYSCALL msg=audit(1767312000.100:7): arch=c000003e syscall=59 success=yes exit=0 a0=55d0 a1=55d1 a2=55d2 a3=0 comm=\"bash\" exe=\"/usr/bin/bash\"\n"
            + "type=EXECVE msg=audit(1767312000.100:7): argc=3 a0=\"bash\" a1=\"-c\" a2=6563686F2068656C6C6F\n"
            + "type=EXECVE msg=audit(1767312001.000:8): argc=2 a0=\"/usr/bin/cat\" a1=FF\n"
            + "type=PROCTITLE msg=audit(1767312001.000:8): proctitle=636174\n";
        var cols = Parse(_auditd, text);
        Assert.Equal([N, S("bash -c echo hello"), S("/usr/bin/cat FF"), N], cols.Col("argv").Cells());
        Assert.Equal([N, S("bash"), S("/usr/bin/cat"), N], cols.Col("argv0").Cells());
        Assert.Equal(S("6563686F2068656C6C6F"), cols.Col("a2")[1]);

        var real = _auditd.Parse(Real("auditd/go-libaudit-rhel7-syscall-execve-path.log"));
        Assert.Equal(S("grep --color=auto mapping"), real.Col("argv")[3]);
        Assert.Equal(S("grep"), real.Col("argv0")[3]);
    }

    [Fact]
    public void NodePrefixBecomesAColumn()
    {
        var cols = _auditd.Parse(Real("auditd/beats-centos7-node-prefixed.log"));
        Assert.Equal(S("localhost.localdomain"), cols.Col("node")[0]);
        Assert.Equal(S("DAEMON_START"), cols.Col("type")[0]);
        Assert.Equal(I(4686), cols.Col("serial")[0]);
        Assert.Equal(S("2.8.5"), cols.Col("ver")[0]);
    }

    [Fact]
    public void EnrichedFormatQuotedMessageAndGroupSeparator()
    {
        var cols = _auditd.Parse(Real("auditd/plaso-enriched-format-gs-separator.log"));
        Assert.Equal(S("DEL_USER"), cols.Col("type")[0]);
        Assert.Equal(S("op=deleting-user-not-found acct=\"specimenuser\" exe=\"/usr/bin/userdel\" hostname=? addr=? terminal=? res=failed"), cols.Col("msg")[0]);
        Assert.Equal(S("root"), cols.Col("UID")[0]);
        Assert.Equal(I(2057), cols.Col("pid")[0]);
    }

    [Fact]
    public void AllRealFilesParseOneRowPerRecordLine()
    {
        foreach (string f in new[] { "go-libaudit-proctitle-syscall.log", "go-libaudit-rhel7-mixed-record-types.log", "go-libaudit-rhel7-syscall-execve-path.log" })
        {
            byte[] bytes = Real("auditd/" + f);
            string[] lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n').Where(l => l.Trim().Length > 0).ToArray();
            var cols = _auditd.Parse(bytes);
            Assert.Equal(lines.Length, cols.Col("epoch").Length);
            Assert.Equal(lines.Count(l => !l.Contains("msg=audit(")), cols.Col("epoch").NullCount);
        }
    }

    [Fact]
    public void SamplesHaveDifferentSyscallMixes()
    {
        Column baseline = _auditd.Parse(Sample("auditd-baseline.log")).Col("syscall");
        Column current = _auditd.Parse(Sample("auditd-current.log")).Col("syscall");
        Assert.Equal(ColumnType.Str, baseline.Type);
        Assert.DoesNotContain("101", baseline.Strings);
        Assert.Contains("101", current.Strings);
    }

    [Fact]
    public void StamplessRecordIsKeptWithNullEpoch()
    {
        var cols = Parse(_auditd, "type=SYSCALL msg=audit(1.5:7): syscall=59\ntype=UNKNOWN[1329] msg=?\n");
        Assert.Equal([F(1.5), N], cols.Col("epoch").Cells());
        Assert.Equal([I(7), N], cols.Col("serial").Cells());
        Assert.Equal([S("SYSCALL"), S("UNKNOWN[1329]")], cols.Col("type").Cells());
        Assert.Equal([N, S("?")], cols.Col("msg").Cells());
    }

    [Theory]
    [InlineData("type=SYSCALL msg=audit(1.5:1): a=1\nno marker here\n", 2)]
    [InlineData("type=SYSCALL msg=audit(abc:1): a=1\n", 1)]
    [InlineData("\ntype=X msg=audit(1.0:1): a=1\ntype=X msg=audit(1.0:x): a=1", 3)]
    [InlineData("type=X msg=audit(1.0:1", 1)]
    public void MalformedLineNamesLine(string text, int line)
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_auditd, text));
        Assert.Equal("auditd", e.Format);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void SniffOnFirstNonBlankLine()
    {
        Assert.Equal(SniffConfidence.Strong, _auditd.Sniff(Utf8("\n type=X msg=audit(1.0:1): a=1")));
        Assert.Equal(SniffConfidence.None, _auditd.Sniff(Utf8("hello\ntype=X msg=audit(1.0:1): a=1")));
    }
}
