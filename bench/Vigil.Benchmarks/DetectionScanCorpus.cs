using Vigil.Core.Columns;

namespace Vigil.Benchmarks;

/// <summary>
/// The issue-8 corpus as a record set: sequential <c>id</c>, normal <c>latency_ms</c>, log-normal <c>bytes</c>,
/// <c>status</c> 200/404/500, a planted outlier every 100k rows. A fixed-seed generator, so every run measures the
/// same work.
/// </summary>
internal static class DetectionScanCorpus
{
    public static RecordSet Build(int rows)
    {
        var id = new ColumnBuilder("id", rows);
        var latency = new ColumnBuilder("latency_ms", rows);
        var bytes = new ColumnBuilder("bytes", rows);
        var status = new ColumnBuilder("status", rows);
        var random = new Random(8);
        for (int i = 0; i < rows; i++)
        {
            double z = Normal(random);
            bool planted = i % 100_000 == 99_999;
            id.AppendInt(i);
            latency.AppendFloat(planted ? 5_000.0 : Math.Round(120.0 + (15.0 * z), 3));
            bytes.AppendInt(planted ? 1L << 40 : (long)Math.Exp(8.0 + (0.5 * Normal(random))));
            double u = random.NextDouble();
            status.AppendInt(u < 0.9 ? 200 : u < 0.98 ? 404 : 500);
        }

        return new RecordSet("bench", "csv", [id.Build(), latency.Build(), bytes.Build(), status.Build()]);
    }

    private static double Normal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
