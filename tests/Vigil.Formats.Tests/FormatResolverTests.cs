using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests;

public sealed class FormatResolverTests
{
    [Theory]
    [InlineData("x.csv", "csv")]
    [InlineData("data/REPORT.CSV", "csv")]
    [InlineData("csv", "csv")]
    [InlineData("x.tsv", "tsv")]
    [InlineData("x.tab", "tsv")]
    [InlineData("x.json", "json")]
    [InlineData("x.jsonl", "ndjson")]
    [InlineData("x.ndjson", "ndjson")]
    [InlineData("x.logfmt", "logfmt")]
    [InlineData("-", null)]
    [InlineData("x.log", null)]
    [InlineData("archive.v2/file", null)]
    public void ExtensionRules(string source, string? expected) => Assert.Equal(expected, FormatResolver.ByExtension(source)?.Id);

    [Fact]
    public void ExtensionWinsWithoutConsultingContent()
    {
        var (parser, how) = FormatResolver.Resolve("x.csv", Utf8("a\tb\n1\t2"));
        Assert.Equal(("csv", FormatResolution.Extension), (parser.Id, how));
        Assert.Equal("csv", FormatResolver.Normalize("x.csv", Utf8("a\tb\n1\t2")).Format);
        Assert.Equal("tsv", FormatResolver.Normalize("x.tsv", Utf8("a,b\n1,2")).Format);
    }

    [Fact]
    public void SpecificStrongShapeBeatsAGenericExtension()
    {
        byte[] audit = Sample("vigil-audit-beacon.jsonl");
        var set = FormatResolver.Normalize("vigil-audit-beacon.jsonl", audit, null, out FormatResolution how);
        Assert.Equal(("vigil-audit", FormatResolution.Sniff), (set.Format, how));
        Assert.Equal("netflow", FormatResolver.Normalize("flows.csv", Real("nfdump/nfdump-1.7.1-csv-from-vast-example-pcap.csv")).Format);
        Assert.Equal("zeek", FormatResolver.Normalize("conn.tsv", Real("zeek/tsv/conn-with-close-footer.log")).Format);

        // Plain NDJSON keeps its extension; a generic container never displaces a more specific extension.
        var plain = FormatResolver.Normalize("x.jsonl", Utf8("{\"a\":1}\n{\"a\":2}\n"), null, out how);
        Assert.Equal(("ndjson", FormatResolution.Extension), (plain.Format, how));
        Assert.Equal(("ndjson", FormatResolution.Extension), (FormatResolver.Resolve("x.ndjson", Utf8("{\"a\":1}\n{\"a\":2}\n")).Parser.Id, FormatResolution.Extension));
    }

    [Fact]
    public void ExtensionAttemptFailsOverToASpecificShapeWhenItsParserFails()
    {
        // A broken vigil-audit line: the audit parser and the NDJSON parser both fail, the first error is reported.
        string text = "{\"event\":\"exit\",\"seq\":0,\"prev\":\"00\"}\n{\"event\":";
        var e = Assert.Throws<FormatParseException>(() => FormatResolver.Normalize("a.jsonl", Utf8(text)));
        Assert.Equal(("vigil-audit", 2L), (e.Format, e.Line));
    }

    [Fact]
    public void NdjsonNamedJsonFallsBackToSniffing()
    {
        var set = FormatResolver.Normalize("events.json", Utf8("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n"), null, out FormatResolution how);
        Assert.Equal("ndjson", set.Format);
        Assert.Equal(FormatResolution.Sniff, how);
        Assert.Equal(3, set.Rows);
    }

    [Fact]
    public void ExtensionFailureWithNoWorkingAlternativeReportsTheExtensionParsersError()
    {
        var e = Assert.Throws<FormatParseException>(() => FormatResolver.Normalize("x.json", Utf8("{\"a\":")));
        Assert.Equal("json", e.Format);
    }

    [Fact]
    public void TruncatedNdjsonIsAnNdjsonErrorNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => FormatResolver.Normalize("-", Utf8("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":")));
        Assert.Equal("ndjson", e.Format);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void StrongFailureTriesTheNextStrongCandidate()
    {
        // vigil-audit claims the first line's shape, but line 2 is not an event: plain NDJSON (same level) takes it.
        string text = "{\"event\":\"exit\",\"ts_unix_ms\":1,\"seq\":0,\"prev\":\"00\"}\n[1,2]\n{\"event\":\"x\"}\n";
        var set = FormatResolver.Normalize("-", Utf8(text));
        Assert.Equal("ndjson", set.Format);
        Assert.Equal(3, set.Rows);
    }

    [Fact]
    public void StrongFailureNeverFallsToAWeakerGuess()
    {
        // zeek is STRONG; its failure is surfaced, not handed to tsv/csv.
        var e = Assert.Throws<FormatParseException>(() => FormatResolver.Normalize("-", Utf8("#separator \\x09\n#path\tconn\n")));
        Assert.Equal("zeek", e.Format);
        Assert.Contains("missing #fields header", e.Message);
    }

    [Fact]
    public void WeakSniffFailureIsUnknownFormat()
    {
        var e = Assert.Throws<UnknownFormatException>(() => FormatResolver.Normalize("-", Utf8("[Sun Dec 04 04:47:44 2005] [error] not json")));
        Assert.Equal("unsupported or unrecognized input format: -", e.Message);
    }

    [Fact]
    public void CsvFallbackKeepsItsOwnError()
    {
        var e = Assert.Throws<FormatParseException>(() => FormatResolver.Normalize("-", Utf8("a,b\n1,2\n1,2,3\n")));
        Assert.Equal(("csv", 3L), (e.Format, e.Line));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\r\n")]
    public void BlankInputIsUnknownFormatUnlessNamedCsv(string text)
    {
        Assert.Throws<UnknownFormatException>(() => FormatResolver.Normalize("-", Utf8(text)));
        Assert.Throws<UnknownFormatException>(() => FormatResolver.Normalize("x.json", Utf8(text)));
        var set = FormatResolver.Normalize("empty.csv", Utf8(text));
        Assert.Equal(("csv", 0, 0), (set.Format, set.Columns.Count, set.Rows));
    }

    [Fact]
    public void BinaryGarbageIsUnknownFormat()
    {
        var e = Assert.Throws<UnknownFormatException>(() => FormatResolver.Normalize("blob.bin", new byte[] { 0x00, 0x01, 0x02, 0xFF }));
        Assert.Equal("blob.bin", e.InputSource);
    }

    [Fact]
    public void InvalidUtf8InACsvNamesTheByte()
    {
        byte[] bytes = [.. Utf8("a,b\n1,2\n"), 0xC0, 0xAF];
        var e = Assert.Throws<FormatParseException>(() => FormatResolver.Normalize("x.csv", bytes));
        Assert.Equal(("csv", 3L), (e.Format, e.Line));
        Assert.Contains("byte offset 8", e.Message);
    }

    [Fact]
    public void ForcedFormat()
    {
        var set = FormatResolver.Normalize("x.json", Utf8("a;b\n1;2"), "csv", out FormatResolution how);
        Assert.Equal(("csv", FormatResolution.Forced), (set.Format, how));
        var e = Assert.Throws<UnknownFormatIdException>(() => FormatResolver.Normalize("-", Utf8("a"), "excel"));
        Assert.Equal("unknown format id 'excel'", e.Message);
        Assert.Throws<FormatParseException>(() => FormatResolver.Normalize("-", Utf8("a,b\n1,2"), "zeek"));
    }

    [Theory]
    [InlineData("a,b\nPAR1,2", "csv")]
    [InlineData("{\"a\":1}", "json")]
    [InlineData("level=info msg=hi", "logfmt")]
    [InlineData("a\tb\n1\t2", "tsv")]
    [InlineData("{\"a\":1}\n{\"a\":2}", "ndjson")]
    [InlineData("[{\"x\":1}]", "json")]
    public void SniffInterplay(string text, string expected) => Assert.Equal(expected, FormatResolver.Normalize("-", Utf8(text)).Format);

    public static TheoryData<string, string> Samples => new()
    {
        { "samples/readings.csv", "csv" },
        { "samples/auditd-baseline.log", "auditd" },
        { "samples/auditd-current.log", "auditd" },
        { "samples/vigil-audit.jsonl", "vigil-audit" },
        { "samples/vigil-audit-beacon.jsonl", "vigil-audit" },
        { "real/auditd/beats-centos7-node-prefixed.log", "auditd" },
        { "real/auditd/go-libaudit-proctitle-syscall.log", "auditd" },
        { "real/auditd/go-libaudit-rhel7-mixed-record-types.log", "auditd" },
        { "real/auditd/go-libaudit-rhel7-syscall-execve-path.log", "auditd" },
        { "real/auditd/plaso-enriched-format-gs-separator.log", "auditd" },
        { "real/zeek/tsv/conn-m57-bro2.log", "zeek" },
        { "real/zeek/tsv/conn-with-close-footer.log", "zeek" },
        { "real/zeek/tsv/dns-m57-bro2.log", "zeek" },
        { "real/zeek/tsv/http-zeek3.log", "zeek" },
        { "real/zeek/json/corelight-json-streaming-mixed-paths.ndjson", "ndjson" },
        { "real/nfdump/nfdump-1.7.1-csv-from-vast-example-pcap.csv", "netflow" },
        { "real/vpc-flow/vpc-flow-v2-default-with-header.log", "vpcflow" },
        { "real/dns-query-log/dnsmasq-2.90-log-queries-extra-replayed-m57-names.log", "dns" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void SamplesResolveBySniffing(string file, string expected)
    {
        byte[] bytes = file.StartsWith("real/", StringComparison.Ordinal) ? Real(file["real/".Length..]) : Sample(file["samples/".Length..]);
        var set = FormatResolver.Normalize("-", bytes, null, out FormatResolution how);
        Assert.Equal((expected, FormatResolution.Sniff), (set.Format, how));
        Assert.True(set.Rows > 0);
    }

    /// <summary>Our STRONG sniffers claim nothing of any other format's real sample (text files only).</summary>
    [Fact]
    public void StrongSniffersRejectOtherFormatsSamples()
    {
        string root = Path.Combine(RepoRoot, "..", "shared", "data", "real-samples");
        var owners = new Dictionary<string, string[]>
        {
            ["auditd"] = ["auditd"],
            ["zeek"] = ["zeek/tsv"],
            ["netflow"] = ["nfdump"],
            ["vpcflow"] = ["vpc-flow"],
            ["dns"] = ["dns-query-log/dnsmasq"],
            ["vigil-audit"] = [],
        };
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .ToList();
        Assert.True(files.Count > 50);
        foreach (var (id, own) in owners)
        {
            IFormatParser parser = FormatRegistry.Find(id)!;
            foreach (string f in files.Where(f => !own.Any(o => f.StartsWith(o, StringComparison.Ordinal))))
            {
                Assert.True(parser.Sniff(File.ReadAllBytes(Path.Combine(root, f))) == SniffConfidence.None, $"{id} claims {f}");
            }
        }
    }

    /// <summary>
    /// Across every real sample, our parsers (CSV, the catch-all, aside) win the sniff only for their own files; a
    /// JSON-lines file with no more specific parser (Docker json-file, CloudTrail LookupEvents, Zeek JSON) is NDJSON.
    /// </summary>
    [Fact]
    public void OurSniffersWinOnlyTheirOwnRealSamples()
    {
        string root = Path.Combine(RepoRoot, "..", "shared", "data", "real-samples");
        var own = new Dictionary<string, string[]>
        {
            ["auditd"] = ["auditd/"],
            ["zeek"] = ["zeek/tsv/"],
            ["netflow"] = ["nfdump/"],
            ["vpcflow"] = ["vpc-flow/"],
            ["dns"] = ["dns-query-log/dnsmasq"],
            ["ndjson"] = ["zeek/json/", "container/docker-json-file.log", "cloudtrail/cloudtrail-lookup-events-cli.jsonl"],
            ["vigil-audit"] = [],
            ["logfmt"] = [],
            ["json"] = [],
            ["tsv"] = [],
        };
        int checkedFiles = 0;
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(root, file).Replace('\\', '/');
            List<IFormatParser> winners = FormatResolver.SniffCandidates(File.ReadAllBytes(file), out _);
            checkedFiles++;
            if (winners.Count > 0 && own.TryGetValue(winners[0].Id, out string[]? prefixes))
            {
                Assert.True(prefixes.Any(p => rel.StartsWith(p, StringComparison.Ordinal)), $"{winners[0].Id} wins the sniff of {rel}");
            }
        }

        Assert.True(checkedFiles > 100);
    }

    [Fact]
    public void RegistryOrderFollowsTheReference()
    {
        string[] reference = ["otlp", "cloudtrail", "eve", "journal", "osquery", "vigil-audit", "ndjson", "zeek", "logfmt", "accesslog",
            "syslog", "cef", "leef", "auditd", "dns", "prometheus", "xml", "json", "yaml", "toml", "ini", "netflow", "vpcflow", "tsv", "csv"];
        string[] ids = FormatRegistry.Parsers.Select(p => p.Id).ToArray();
        Assert.Equal(ids.Distinct().Count(), ids.Length);
        Assert.Equal(reference.Where(ids.Contains), ids.Where(reference.Contains));
        // Vigil's one addition: CRI container logs, just ahead of syslog whose loose sniff would claim them.
        Assert.Equal(["cri"], ids.Except(reference));
        Assert.Equal(Array.IndexOf(ids, "syslog") - 1, Array.IndexOf(ids, "cri"));
    }
}
