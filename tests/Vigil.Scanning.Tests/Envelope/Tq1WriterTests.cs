using System.Buffers;
using System.Text;
using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Detection;
using Vigil.Detection.Configuration;
using Vigil.Scanning.Reports;
using Vigil.Scanning.Requests;
using Vigil.Scanning.Tests.Envelope.Legacy;

namespace Vigil.Scanning.Tests.Envelope;

/// <summary>The streaming tq1 writer against the goldens and against the string-building writer it replaced.</summary>
public sealed class Tq1WriterTests
{
    private const string ScanBasicInput = "id,reading\n1,10\n2,11\n3,9\n4,10\n5,12\n6,8\n7,11\n8,10\n9,9\n10,1000\n";

    public static TheoryData<string, string?> Inputs => new()
    {
        { "readings.csv", null },
        { "auditd-current.log", "auditd-baseline.log" },
        { "vigil-audit-burst.jsonl", "vigil-audit-baseline.jsonl" },
        { "vigil-audit-beacon.jsonl", null },
        { "syslog-mixed.log", null },
        { "leef-qradar.log", null },
        { "ini-agent.ini", null },
    };

    public static TheoryData<string> Scopes => ["none", "top1", "high", "low-top2"];

    [Fact]
    public void Scan_basic_streams_the_golden_bytes_and_so_did_the_old_builder()
    {
        byte[] golden = File.ReadAllBytes(RepoPaths.SharedData("anomalyx-golden", "scan_basic.json"));
        var request = new ScanRequest { Input = ScanInput.Stdin(() => new MemoryStream(Encoding.UTF8.GetBytes(ScanBasicInput))) };

        ScanReport report = ScanService.Run(request);

        Assert.Equal(golden, Streamed(report.Envelope, chunk: 7));
        Assert.Equal(golden, Encoding.UTF8.GetBytes(Legacy(request)));
        Assert.Equal(1, report.Exit);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Every_sample_envelope_matches_the_old_builder_byte_for_byte(string sample, string? baseline)
    {
        foreach (string scope in Scopes)
        {
            var request = new ScanRequest
            {
                Input = ScanInput.File(RepoPaths.Sample(sample)),
                Baseline = baseline is null ? null : RepoPaths.Sample(baseline),
                Scope = Scope(scope),
            };

            byte[] expected = Encoding.UTF8.GetBytes(Legacy(request));
            ScanReport report = ScanService.Run(request);
            Assert.Equal(expected, Streamed(report.Envelope, chunk: 64 * 1024));
            Assert.Equal(expected, Streamed(report.Envelope, chunk: 1));
        }
    }

    [Fact]
    public void Arbitrary_findings_and_strings_give_the_old_builders_bytes()
    {
        Gen<string> text = Gen.OneOf(
            Gen.String[Gen.Char, 0, 12],
            Gen.String[Gen.Char['\0', '\u007f'], 0, 12],
            Gen.Const("naïve — ✓ 𝛼\ud800x\"\\\n\t\u001f"));
        Gen<double> number = Gen.OneOf(Gen.Double, Gen.Double[-1e6, 1e6], Gen.Const(double.NaN), Gen.Const(double.PositiveInfinity), Gen.Const(-0.0), Gen.Const(1e-7));
        Gen<Finding> finding = Gen.Select(text, Gen.Int[0, AnomalyClasses.All.Count - 1], text, Gen.Int[0, 40], number, number, text)
            .Select(t => Finding.Create("d." + t.Item1, AnomalyClasses.All[t.Item2], Handle.ForCell(t.Item3, t.Item4), t.Item5, t.Item6, t.Item7));
        Gen<OutputScope> scope = Gen.Select(Gen.Int[-1, 4], Gen.Int[0, 3])
            .Select(t => new OutputScope(t.Item1 < 0 ? null : (Severity)t.Item1, t.Item2 == 0 ? null : (ulong)t.Item2));
        Gen<string[]> columns = Gen.String[Gen.Char, 1, 6].Array[0, 4];

        Gen.Select(finding.Array[0, 12], scope, columns, text, Gen.Bool).Sample(t =>
        {
            (Finding[] findings, OutputScope outputScope, string[] names, string source, bool compare) = t;
            RecordSet corpus = Corpus(source, names.Distinct(StringComparer.Ordinal).ToArray());
            Absence[] absences = [new("dist.ks", source), new("x", "y\n")];
            string? baseline = compare ? source + ".base" : null;
            string expected = LegacyEnvelopeBuilder.Build(corpus, "cfg/" + source, baseline, findings, absences, outputScope);
            ScanEnvelope envelope = EnvelopeBuilder.Build(corpus, "cfg/" + source, baseline, findings, absences, outputScope);
            return Encoding.UTF8.GetBytes(expected).AsSpan().SequenceEqual(Streamed(envelope, chunk: 5));
        });
    }

    [Fact]
    public void Writer_goes_through_the_report_writer_interface_unchanged()
    {
        var request = new ScanRequest { Input = ScanInput.File(RepoPaths.Sample("readings.csv")), Scope = new OutputScope(Severity.Low, 3) };
        ScanReport report = ScanService.Run(request);
        var viaInterface = new ArrayBufferWriter<byte>();

        ReportWriters.For(ReportFormat.Tq1).Write(report, viaInterface);

        Assert.Equal(Encoding.UTF8.GetBytes(Legacy(request)), viaInterface.WrittenSpan.ToArray());
    }

    private static OutputScope Scope(string name) => name switch
    {
        "top1" => new OutputScope(null, 1),
        "high" => new OutputScope(Severity.High, null),
        "low-top2" => new OutputScope(Severity.Low, 2),
        _ => OutputScope.None,
    };

    // The old path: the same loaded inputs and detection, then the frozen string builder.
    private static string Legacy(ScanRequest request)
    {
        LoadedInputs inputs = ScanService.Load(request);
        (DetectConfig config, DetectionReport report) = ScanService.Detect(inputs, request);
        return LegacyEnvelopeBuilder.Build(inputs.Current, config.ConfigVersion(), request.Baseline, report.Findings, report.Absences, request.Scope);
    }

    private static byte[] Streamed(ScanEnvelope envelope, int chunk)
    {
        using var sink = new MemoryStream();
        using (var writer = new StreamBufferWriter(sink, chunk))
        {
            Tq1Writer.Write(envelope, writer);
            writer.Flush();
        }

        return sink.ToArray();
    }

    private static RecordSet Corpus(string source, string[] names)
    {
        var columns = new List<Column>();
        foreach (string name in names)
        {
            var b = new ColumnBuilder(name);
            for (int i = 0; i < 5; i++)
            {
                b.AppendInt(i);
            }

            columns.Add(b.Build());
        }

        return new RecordSet(source, "csv", columns);
    }
}
