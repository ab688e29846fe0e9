using System.Globalization;
using CsCheck;
using Vigil.Detection.Streaming;

namespace Vigil.Detection.Tests.Streaming;

public sealed class CausalDetectorTests
{
    [Fact]
    public void Appending_rows_never_changes_earlier_scores_on_a_real_series()
    {
        double[] series = NabValues("realTweets/Twitter_volume_AAPL.csv");
        int cut = 6000;
        StreamingScore[] prefix = Run(series.AsSpan(0, cut));
        StreamingScore[] full = Run(series);
        Assert.Equal(prefix, full.AsSpan(0, cut).ToArray());
        // The full run did alert somewhere in the prefix, so the comparison covers alert state too.
        Assert.Contains(prefix, s => s.Alert);
    }

    [Fact]
    public void Appending_any_rows_never_changes_earlier_scores()
    {
        Gen.Select(Gen.Double[-1e3, 1e3].Array[300, 700], Gen.Double[-1e6, 1e6].Array[1, 200])
            .Sample((head, tail) =>
            {
                StreamingScore[] alone = Run(head);
                StreamingScore[] extended = Run([.. head, .. tail]);
                Assert.Equal(alone, extended.AsSpan(0, head.Length).ToArray());
            }, iter: 40);
    }

    [Fact]
    public void A_restored_state_continues_exactly_like_an_uninterrupted_run()
    {
        double[] series = NabValues("realKnownCause/ec2_request_latency_system_failure.csv");
        StreamingScore[] uninterrupted = Run(series);

        var first = new CausalDetector();
        int cut = 2345;
        for (int i = 0; i < cut; i++)
        {
            first.Step(series[i]);
        }

        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            first.WriteState(w);
        }

        buffer.Position = 0;
        var second = new CausalDetector();
        using (var r = new BinaryReader(buffer))
        {
            second.ReadState(r);
        }

        for (int i = cut; i < series.Length; i++)
        {
            Assert.Equal(uninterrupted[i], second.Step(series[i]));
        }
    }

    [Fact]
    public void A_planted_spike_in_noise_raises_one_alert_at_the_spike()
    {
        double[] series = Noise(3000, seed: 7);
        series[2500] = 25.0;
        StreamingScore[] scores = Run(series);
        int[] alerts = AlertRows(scores);
        Assert.Contains(2500, alerts);
        Assert.True(scores[2500].Component is SurpriseComponent.Spike or SurpriseComponent.Range, scores[2500].Component.ToString());
        Assert.True(scores[2500].Score > 0.2, $"score {scores[2500].Score}");
    }

    [Fact]
    public void Stationary_noise_raises_almost_no_alerts()
    {
        // 20,000 rows of Gaussian noise: at p ≤ 5e-4 per row over four statistics, a handful at most.
        StreamingScore[] scores = Run(Noise(20_000, seed: 11));
        Assert.True(AlertRows(scores).Length <= 8, $"{AlertRows(scores).Length} alerts on pure noise");
    }

    [Fact]
    public void A_persistent_level_shift_is_one_incident_not_a_stream_of_alerts()
    {
        double[] series = Noise(3000, seed: 3);
        for (int i = 2000; i < 2090; i++)
        {
            series[i] += 12.0;
        }

        int[] alerts = AlertRows(Run(series));
        int[] inShift = [.. alerts.Where(r => r >= 2000 && r < 2100)];
        Assert.Single(inShift);
        Assert.InRange(inShift[0], 2000, 2003);
    }

    [Fact]
    public void Scores_are_in_the_unit_interval_and_zero_while_warming_up()
    {
        StreamingScore[] scores = Run(NabValues("realAdExchange/exchange-2_cpc_results.csv"));
        Assert.All(scores, s => Assert.InRange(s.Score, 0.0, 1.0));
        Assert.All(scores.Take(new CausalDetectorOptions().WarmupRows), s => Assert.Equal(0.0, s.Score));
    }

    [Fact]
    public void Non_finite_values_are_neither_scored_nor_learnt()
    {
        double[] series = Noise(600, seed: 5);
        var clean = new CausalDetector();
        var dirty = new CausalDetector();
        for (int i = 0; i < series.Length; i++)
        {
            StreamingScore expected = clean.Step(series[i]);
            Assert.Equal(default, dirty.Step(double.NaN));
            Assert.Equal(default, dirty.Step(double.PositiveInfinity));
            Assert.Equal(expected, dirty.Step(series[i]));
        }

        Assert.Equal(series.Length, dirty.Rows);
    }

    [Fact]
    public void A_state_from_other_window_sizes_is_refused()
    {
        var small = new CausalDetector(new CausalDetectorOptions { LevelWindow = 100 });
        small.Step(1.0);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            small.WriteState(w);
        }

        buffer.Position = 0;
        using var r = new BinaryReader(buffer);
        Assert.Throws<InvalidDataException>(() => new CausalDetector().ReadState(r));
    }

    internal static StreamingScore[] Run(ReadOnlySpan<double> values)
    {
        var detector = new CausalDetector();
        var scores = new StreamingScore[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            scores[i] = detector.Step(values[i]);
        }

        return scores;
    }

    private static int[] AlertRows(StreamingScore[] scores) =>
        [.. scores.Select((s, i) => (s, i)).Where(p => p.s.Alert).Select(p => p.i)];

    // Deterministic Gaussian noise (Box–Muller over a fixed-seed generator): no RNG state shared with anything.
    private static double[] Noise(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            values[i] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        return values;
    }

    private static double[] NabValues(string relative) =>
        [.. File.ReadLines(SharedData.Path("nab-train/data/" + relative)).Skip(1)
            .Select(line => double.Parse(line[(line.IndexOf(',') + 1)..], CultureInfo.InvariantCulture))];
}
