using System.Text;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;
using Vigil.Core.Roles;
using Vigil.Scanning.Progress;
using Vigil.Scanning.Requests;

namespace Vigil.Scanning.Tests;

/// <summary>ScanRequest → ScanReport on the repository's samples, and the service's error texts and order.</summary>
public sealed class ScanServiceTests
{
    [Fact]
    public void Readings_sample_reports_its_corpus_roles_and_summary()
    {
        string path = RepoPaths.Sample("readings.csv");
        var progress = new ScanProgress();

        ScanReport report = ScanService.Run(new ScanRequest { Input = ScanInput.File(path) }, progress);

        Assert.Equal(path, report.Source);
        Assert.Equal("csv", report.Format);
        Assert.Equal(File.ReadAllLines(path).Length - 1, report.Rows);
        Assert.Equal(4, report.Columns);
        Assert.Equal(new FileInfo(path).Length, report.BytesRead);
        Assert.Equal(["timestamp", "sensor", "temperature_c", "humidity_pct"], report.Roles.Select(r => r.Column));
        Assert.Equal(ColumnRole.Categorical, report.Roles.Single(r => r.Column == "sensor").Role);
        Assert.Equal(report.Findings.Count, report.Envelope.CountsByClass.Sum());
        Assert.Equal(report.Findings.Count > 0 ? 1 : 0, report.Exit);
        Assert.Equal(report.Findings, report.Emitted);
        Assert.StartsWith("anomalyx-cfg/", report.ConfigVersion, StringComparison.Ordinal);

        ProgressSample done = progress.Sample();
        Assert.Equal(report.BytesRead, done.BytesRead);
        Assert.Equal(report.BytesRead, done.TotalBytes);
        Assert.Equal(report.Rows, done.Rows);
        Assert.Equal(ScanPhase.Detecting, done.Phase);
    }

    [Fact]
    public void Stdin_is_read_through_the_request_opener_and_counted()
    {
        byte[] csv = Encoding.UTF8.GetBytes("id,reading\n1,10\n2,11\n3,9\n4,10\n5,12\n6,8\n7,11\n8,10\n9,9\n10,1000\n");
        var progress = new ScanProgress();

        ScanReport report = ScanService.Run(new ScanRequest { Input = ScanInput.Stdin(() => new MemoryStream(csv)) }, progress);

        Assert.Equal("-", report.Source);
        Assert.Equal(10, report.Rows);
        Assert.Equal(1, report.Exit);
        Finding top = Assert.Single(report.Findings);
        Assert.Equal("point.modz", top.Detector);
        Assert.Equal("cell:reading:9", top.Handle.ToString());
        Assert.Equal(csv.Length, progress.Sample().BytesRead);
        Assert.Null(progress.Sample().TotalBytes);
    }

    [Fact]
    public void Scope_drops_emitted_findings_but_not_the_exit_code_or_summary()
    {
        var request = new ScanRequest { Input = ScanInput.File(RepoPaths.Sample("auditd-current.log")), Baseline = RepoPaths.Sample("auditd-baseline.log") };
        ScanReport all = ScanService.Run(request);
        ScanReport top1 = ScanService.Run(request with { Scope = new OutputScope(null, 1) });

        Assert.True(all.Findings.Count > 1, "the auditd drift sample should yield several findings");
        Assert.Equal(all.Findings, top1.Findings);
        Assert.Equal(all.Findings[0], Assert.Single(top1.Emitted));
        Assert.Equal(all.Exit, top1.Exit);
        Assert.Equal(RepoPaths.Sample("auditd-baseline.log"), all.Envelope.Baseline);
    }

    [Fact]
    public void Column_scope_and_detector_options_reach_the_corpus_and_the_config()
    {
        var request = new ScanRequest
        {
            Input = ScanInput.File(RepoPaths.Sample("readings.csv")),
            Columns = new ColumnScope(["temperature_c", "humidity_pct"], null),
            Detect = new DetectOptions { Period = 3, Sets = [new("point_threshold", "4.5")] },
        };

        ScanReport report = ScanService.Run(request);

        Assert.Equal(["temperature_c", "humidity_pct"], report.Roles.Select(r => r.Column));
        Assert.Contains("pt=4.5000", report.ConfigVersion, StringComparison.Ordinal);
        Assert.Contains("cxp=3", report.ConfigVersion, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Absences, a => a.Detector == "ctx.seasonal" && a.Reason.Contains("--period", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_file_is_the_contracts_io_error()
    {
        string path = Path.Combine(Path.GetTempPath(), "vigil-no-such-" + Guid.NewGuid().ToString("N") + ".csv");
        ScanError e = Assert.Throws<ScanError>(() => ScanService.Run(new ScanRequest { Input = ScanInput.File(path) }, new ScanProgress()));
        Assert.Equal($"io error: {path}: No such file or directory (os error 2)", e.Message);
    }

    [Fact]
    public void Input_errors_come_before_configuration_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), "vigil-no-such-" + Guid.NewGuid().ToString("N") + ".csv");
        var badConfig = new DetectOptions { Sets = [new("bogus", "1")] };

        ScanError io = Assert.Throws<ScanError>(() => ScanService.Run(new ScanRequest { Input = ScanInput.File(path), Detect = badConfig }));
        ScanError config = Assert.Throws<ScanError>(() => ScanService.Run(new ScanRequest { Input = ScanInput.File(RepoPaths.Sample("readings.csv")), Detect = badConfig }));

        Assert.StartsWith("io error: ", io.Message, StringComparison.Ordinal);
        Assert.Equal("invalid configuration: --set: unknown config key 'bogus' (see `describe`)", config.Message);
    }

    [Fact]
    public void Unknown_column_and_unparseable_input_name_what_failed()
    {
        ScanError column = Assert.Throws<ScanError>(() => ScanService.Run(new ScanRequest
        {
            Input = ScanInput.File(RepoPaths.Sample("readings.csv")),
            Columns = new ColumnScope(["nope"], null),
        }));
        ScanError parse = Assert.Throws<ScanError>(() => ScanService.Run(new ScanRequest
        {
            Input = ScanInput.Stdin(() => new MemoryStream("{\"a\":"u8.ToArray())),
            InputFormat = "json",
        }));

        Assert.Equal("invalid configuration: no such column 'nope'", column.Message);
        Assert.StartsWith("failed to parse json input: stdin: ", parse.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', parse.Message);
    }
}
