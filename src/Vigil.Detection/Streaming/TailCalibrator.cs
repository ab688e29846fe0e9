namespace Vigil.Detection.Streaming;

/// <summary>
/// Turns a raw surprise statistic into a tail probability P(raw' ≥ raw) under the statistic's own recent history,
/// so surprises are comparable across series and components. The body is the empirical distribution; above its
/// <c>tailQuantile</c> the tail is an exponential fitted to the mean excess (a peaks-over-threshold fit with GPD
/// shape 0, as in SPOT, Siffer et al. 2017), so values past everything seen still rank by how far past they are.
/// </summary>
internal sealed class TailCalibrator
{
    private const int MinHistory = 50;
    private readonly SortedSlidingWindow _history;
    private readonly double _tailQuantile;

    public TailCalibrator(int history, double tailQuantile)
    {
        _history = new SortedSlidingWindow(history);
        _tailQuantile = tailQuantile;
    }

    /// <summary>P(raw' ≥ <paramref name="raw"/>); 1 until the history is long enough to say anything.</summary>
    public double PValue(double raw)
    {
        int n = _history.Count;
        if (n < MinHistory)
        {
            return 1.0;
        }

        int k = (int)(_tailQuantile * (n - 1));
        double u = _history.Kth(k);
        if (raw <= u)
        {
            return (1.0 + _history.CountAtLeast(raw)) / (1.0 + n);
        }

        double beta = k + 1 < n ? (_history.SumFrom(k + 1) / (n - k - 1)) - u : 0.0;
        if (beta <= 1e-12)
        {
            // A flat tail gives no scale: fall back to a tenth of the threshold so the p-value stays finite.
            beta = Math.Max(Math.Abs(u) * 0.1, 1e-9);
        }

        double pu = (n - k) / (1.0 + n);
        return pu * Math.Exp(-(raw - u) / beta);
    }

    public void Add(double raw) => _history.Add(raw);

    public void Write(BinaryWriter writer) => _history.Write(writer);

    public void Read(BinaryReader reader) => _history.Read(reader);
}
