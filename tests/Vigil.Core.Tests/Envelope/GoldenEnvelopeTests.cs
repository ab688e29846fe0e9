using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Numerics;
using Vigil.Core.Text;

namespace Vigil.Core.Tests.Envelope;

/// <summary>The envelope writer and schema model against the anomalyx goldens (reference §3.5, §3.7).</summary>
public sealed class GoldenEnvelopeTests
{
    private const string DefaultConfigVersion = "anomalyx-cfg/9;pt=3.5000;ptn=8;cr=true;pfdr=;da=0.0500;psi=0.2000;psib=10;dmn=20;snr=0.5000;mva=0.00100;mvn=20;mvr=1e-9;cxp=0;cxt=3.5000;cxm=4;cln=20;clt=5.0000;cdc=;cdcv=0.0500;cdn=20";

    [Fact]
    public void Schema_model_renders_the_golden_bytes()
    {
        byte[] golden = File.ReadAllBytes(SharedData.PathOf("anomalyx-golden", "schema.json"));
        Assert.Equal(Encoding.UTF8.GetString(golden), EnvelopeSchema.Render());
    }

    [Fact]
    public void Scan_basic_envelope_is_byte_identical_to_the_golden()
    {
        // The §3.5 corpus: id 1..10, reading 10,11,9,10,12,8,11,10,9,1000.
        long[] readings = [10, 11, 9, 10, 12, 8, 11, 10, 9, 1000];
        var id = new ColumnBuilder("id");
        var reading = new ColumnBuilder("reading");
        for (int i = 0; i < readings.Length; i++)
        {
            id.AppendInt(i + 1);
            reading.AppendInt(readings[i]);
        }

        var corpus = new RecordSet("-", "csv", [id.Build(), reading.Build()]);
        double[] xs = corpus.Columns[1].Numeric();
        double center = Det.Median(xs)!.Value;
        double scale = Det.Mad(xs)!.Value;
        double modz = Math.Abs(0.6745 * (1000 - center) / scale);
        double confidence = 1 / (1 + Math.Exp(-2 * ((modz / 3.5) - 1)));
        string reason = $"reading = {RustFormat.Fixed(1000, 6)}: modified z-score {RustFormat.Fixed(modz, 3)} exceeds {RustFormat.Fixed(3.5, 3)} (center={RustFormat.Fixed(center, 6)}, scale={RustFormat.Fixed(scale, 6)})";
        Finding f = Finding.Create("point.modz", AnomalyClass.Point, Handle.ForCell("reading", 9), confidence, modz, reason, ColumnType.Int);
        const string noBaseline = "no baseline provided; distributional drift requires --baseline";
        Absence[] absences =
        [
            new("dist.ks", noBaseline), new("dist.psi", noBaseline), new("dist.chi2", noBaseline),
            new("mv.mahalanobis", "needs at least 2 numeric columns for a multivariate distance"),
            new("ctx.seasonal", "contextual detection needs a declared period ≥ 2 (pass --period N)"),
            new("coll.cusum", "no numeric column with ≥ 20 values and non-zero variance"),
            new("cad.regularity", "cadence detection requires a time column (pass --cadence <COL>)"),
        ];

        ScanEnvelope env = EnvelopeBuilder.Build(corpus, DefaultConfigVersion, null, [f], absences, OutputScope.None);

        byte[] golden = File.ReadAllBytes(SharedData.PathOf("anomalyx-golden", "scan_basic.json"));
        Assert.Equal(1662, golden.Length);
        Assert.Equal(Encoding.UTF8.GetString(golden), env.Json);
        Assert.Equal(golden, Encoding.UTF8.GetBytes(env.Json));
        Assert.Equal(1, env.Exit);
    }
}
