using System.Text;
using Vigil.Core.Columns;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Tests;

/// <summary>
/// The text-log parsers give the same columns (names, order, kinds, values, string dictionary order, role hints) and
/// the same errors whatever the batch size or thread count: batch sizes 1, 7 and the default, a 64-byte chunk on two
/// threads, and one thread. Inputs: the real samples of each format plus edge cases that move directives, late
/// columns and errors across chunk boundaries.
/// </summary>
public sealed class TextLogBatchBoundaryTests
{
    private static readonly BatchOptions[] Variants =
    [
        new(MaxRows: 1, Parallelism: 1),
        new(MaxRows: 7),
        new(MaxRows: 7, Parallelism: 3),
        new(MaxBytes: 64, Parallelism: 2),
        new(Parallelism: 1),
    ];

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        (string Format, string Directory)[] real =
        [
            ("syslog", "syslog"), ("auditd", "auditd"), ("zeek", "zeek/tsv"), ("accesslog", "web-access"), ("cef", "cef"),
            ("cri", "container"), ("dns", "dns-query-log"), ("prometheus", "prometheus"), ("prometheus", "openmetrics"),
            ("netflow", "nfdump"), ("vpcflow", "vpc-flow"),
        ];
        foreach ((string format, string directory) in real)
        {
            string dir = Path.Combine(TestData.RepoRoot, "..", "shared", "data", "real-samples", directory);
            foreach (string file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(format, "file:" + file);
            }
        }

        foreach ((string format, string sample) in new[] { ("syslog", "syslog-mixed.log"), ("auditd", "auditd-baseline.log"), ("auditd", "auditd-current.log"), ("leef", "leef-qradar.log") })
        {
            data.Add(format, "file:" + Path.Combine(TestData.RepoRoot, "samples", sample));
        }

        foreach ((string format, string text) in EdgeCases)
        {
            data.Add(format, text);
        }

        return data;
    }

    private static readonly (string Format, string Text)[] EdgeCases =
    [
        ("syslog", "<34>Oct 11 22:14:15 mymachine su: 'su root' failed\n\n<13>1 2003-10-11T22:14:15.003Z host app 42 ID47 [ex@1 a=\"1\" a=\"2\"][x@2 k=\"v\\\"q\"] msg\u00a0\n<1>x\r\nMar 11 09:39:39: --- last message repeated 5 times ---\n"),
        ("syslog", "<34>Oct 11 22:14:15 h a: ok\nno header here\n"),
        ("auditd", "type=SYSCALL msg=audit(1.5:7): syscall=59 uid=0 a0=ff\ntype=EXECVE msg=audit(1.5:7): argc=3 a0=\"ls\" a1=2D6C61 a2=zz\ntype=UNKNOWN[1329] msg=?\n\u2003\nnode=n1 type=PATH msg=audit(2:8): name=\"/x\" inode=12 ses= \n"),
        ("auditd", "type=SYSCALL msg=audit(1.5:7): a=1\ntype=SYSCALL msg=audit(x:7): a=1\n"),
        ("zeek", "#separator \\x09\n#fields\ta\tb\tstatus_code\n1\t-\t200\n2\t(empty)\n#unset_field\tNA\n#empty_field\tE\n3\tNA\tE\textra\n#fields\ta\tb\tstatus_code\n4\tx\t404\n#close\t2026\n"),
        ("zeek", "#separator \\x09\n#fields\ta\n1\n2\n3\n4\n5\n6\n7\n8\n#fields\tb\n9\n"),
        ("zeek", "#separator \\x2c\n#path,x\n\n#fields,a,b\n1,2\n3,4\n#separator \\x09\n#fields\ta\tb\n5\t6\n"),
        ("zeek", "#separator \\x09\n#path\tconn\n"),
        ("zeek", "#separator \\x09\n1\t2\n"),
        ("accesslog", "10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a b HTTP/1.0\" 200 2326 \"-\" \"Mozilla \\\"x\\\"\"\n- - - [-] \"-\" - -\n1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"POST /x\" 500 - \"http://r/\" \"ua\" extra\n"),
        ("accesslog", "10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1\n10.0.0.1 - frank [x]\n"),
        ("cef", "CEF:0|V|P|1|100|n\\|ame|5|src=10.0.0.1 msg=a\\=b\\nc act=x  \n<13>Jan 18 11:07:53 host CEF: 0|V|P|1|sig|n|High|k=v\n"),
        ("leef", "LEEF:1.0|V|P|1|E1|src=1\tdst=2\nLEEF:2.0|V|P|1|E2|^|a=1^b=x\nLEEF:2.0|V|P|1|E3|x7C|c=3|d=4\n"),
        ("logfmt", "a=1 b=\"x y\" c\nd=2.5 a=\"q\\\"\"\n\n"),
        ("vpcflow", "\n \nversion account-id srcaddr dstaddr srcport dstport protocol start end action\n2 1 10.0.0.1 10.0.0.2 443 80 6 100 160 ACCEPT\n2 - 10.0.0.3 10.0.0.4 1 53 17 9223372036854775807 -9223372036854775808 REJECT extra\n2 1 a b\n"),
        ("vpcflow", "version srcaddr dstport\n2 x 1\n"),
        ("netflow", "\nts,te,td,sa,da,sp,dp,pr,flg,ipkt,ibyt\n2024-01-01 00:00:00,2024-01-01 00:00:01.5,1.5,10.0.0.1,10.0.0.2,1234,443,TCP,....S.,3,180\n2024-01-01 00:00:02, x ,,a,b\n Summary \nnot,a,row\n"),
        ("netflow", "ts,te,td,sa,da,sp,dp,pr\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\n1,2,3,4,5,6,7,8\nSummary\n\u00ff\n"),
        ("netflow", "\n\nnot a header\nts,te\n"),
        ("netflow", "\n\n"),
    ];

    [Theory]
    [MemberData(nameof(Inputs))]
    public void BatchBoundariesAndThreadsDoNotChangeTheResult(string format, string input)
    {
        IFormatParser parser = FormatRegistry.Find(format) ?? throw new InvalidOperationException(format);
        byte[] data = input.StartsWith("file:", StringComparison.Ordinal) ? File.ReadAllBytes(input[5..]) : Encoding.UTF8.GetBytes(input);
        string expected = Dump(parser, data, default);
        foreach (BatchOptions options in Variants)
        {
            Assert.Equal(expected, Dump(parser, data, options));
        }
    }

    [Fact]
    public void TheEdgeCasesExerciseBothRowsAndErrors()
    {
        // Guards the theory above against passing vacuously: some edge cases parse to rows, some fail.
        int rows = 0, errors = 0;
        foreach ((string format, string text) in EdgeCases)
        {
            string dump = Dump(FormatRegistry.Find(format)!, Encoding.UTF8.GetBytes(text), default);
            rows += dump.StartsWith("error:", StringComparison.Ordinal) ? 0 : 1;
            errors += dump.StartsWith("error:", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(rows >= 8, $"{rows} edge cases parsed");
        Assert.True(errors >= 4, $"{errors} edge cases failed");
    }

    /// <summary>The engine's dump of the outcome (columns, dictionaries, cells, or the error) plus each column's role hint.</summary>
    internal static string Dump(IFormatParser parser, byte[] data, BatchOptions options)
    {
        IReadOnlyList<Column> columns;
        try
        {
            columns = parser.Parse(data, options);
        }
        catch (FormatParseException e)
        {
            return "error: " + e.Message;
        }

        return string.Join(',', columns.Select(c => $"{c.Name}:{c.RoleHint}")) + "\n" + Engine.BatchDump.Columns(columns);
    }
}
