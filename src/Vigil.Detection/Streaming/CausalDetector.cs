namespace Vigil.Detection.Streaming;

/// <summary>
/// Online anomaly detector for one numeric series. Causal by construction: <see cref="Step"/> sees one value, scores
/// it from state built out of earlier values only, then learns it; nothing is revised later. State is bounded by
/// the options' window sizes, whatever the length of the stream.
/// <para>
/// Four statistics, each turned into a tail probability by its own <see cref="TailCalibrator"/> so they are
/// comparable within and across series: a spike (|x − median| / IQR of the last values), a level shift (the same
/// for the short mean), a trajectory novelty (<see cref="PatternNovelty"/>), and an excursion beyond the all-time
/// range (the "spatial anomaly" rule of Numenta's HTM detector). The smallest, Bonferroni-corrected, is the row's
/// p-value; the score is −log₁₀(p)/20 clipped to [0,1]. A row only scores when it beats every score of the
/// previous <see cref="CausalDetectorOptions.IncidentRows"/> rows and alerts at most once per incident window,
/// because an operator (and NAB) wants the onset of an event, once.
/// </para>
/// </summary>
public sealed class CausalDetector
{
    private const int Components = 4;
    private const int MinLevelValues = 20;
    private const int StateVersion = 1;

    private readonly CausalDetectorOptions _options;
    private readonly SortedSlidingWindow _level;
    private readonly double[] _short;
    private readonly TailCalibrator _spikeCalibration;
    private readonly TailCalibrator _shiftCalibration;
    private readonly TailCalibrator _patternCalibration;
    private readonly PatternNovelty _pattern;
    private readonly TrailingMaximum _recentScores;
    private int _shortCount;
    private int _shortHead;
    private long _rows;
    private double _patternP = 1.0;
    private double _min = double.NaN;
    private double _max = double.NaN;
    private long _lastAlertRow = long.MinValue / 2;
    private long _incidents;

    /// <summary>A detector with the tuned defaults.</summary>
    public CausalDetector()
        : this(new CausalDetectorOptions())
    {
    }

    /// <summary>A detector with explicit options (the same options must be used to restore a saved state).</summary>
    public CausalDetector(CausalDetectorOptions options)
    {
        _options = options;
        _level = new SortedSlidingWindow(options.LevelWindow);
        _short = new double[options.ShortWindow];
        _spikeCalibration = new TailCalibrator(options.CalibrationHistory, options.TailQuantile);
        _shiftCalibration = new TailCalibrator(options.CalibrationHistory, options.TailQuantile);
        _patternCalibration = new TailCalibrator(Math.Max(1, options.CalibrationHistory / options.PatternBlockRows), options.TailQuantile);
        _pattern = new PatternNovelty(options.PatternBlockRows, options.PatternBlocks, options.PatternMemory);
        _recentScores = new TrailingMaximum(options.IncidentRows);
    }

    /// <summary>Finite values seen so far.</summary>
    public long Rows => _rows;

    /// <summary>Scores <paramref name="value"/> from the past, then learns it. Non-finite values score nothing and are not learnt.</summary>
    public StreamingScore Step(double value)
    {
        if (!double.IsFinite(value))
        {
            return default;
        }

        _rows++;
        _short[_shortHead] = value;
        _shortHead = (_shortHead + 1) % _short.Length;
        if (_shortCount < _short.Length)
        {
            _shortCount++;
        }

        bool scoring = _rows > _options.WarmupRows;
        double spikeP = 1.0;
        double shiftP = 1.0;
        double scale = double.NaN;
        if (_level.Count >= MinLevelValues)
        {
            double median = _level.Quantile(0.5);
            double iqr = _level.Quantile(0.75) - _level.Quantile(0.25);
            // A near-constant series has no spread: floor the scale at 1% of the range (and a relative epsilon) so
            // a rounding-size wobble is not a million-sigma event.
            scale = Math.Max(iqr, Math.Max(1e-9 * (Math.Abs(median) + 1.0), (_level.Max - _level.Min) * 0.01));
            double spike = Math.Abs(value - median) / scale;
            double shift = Math.Abs(ShortMean() - median) / scale;
            if (scoring)
            {
                spikeP = _spikeCalibration.PValue(spike);
                shiftP = _shiftCalibration.PValue(shift);
            }

            _spikeCalibration.Add(spike);
            _shiftCalibration.Add(shift);
        }

        if (_pattern.Add(value, scale) is double novelty)
        {
            _patternP = scoring ? _patternCalibration.PValue(novelty) : 1.0;
            _patternCalibration.Add(novelty);
        }

        double rangeP = 1.0;
        if (scoring && _max > _min)
        {
            double excess = Math.Max(value - _max, _min - value) / (_max - _min);
            if (excess > _options.RangeMargin)
            {
                rangeP = _options.RangePValue * Math.Exp(-(excess - _options.RangeMargin) * 5.0);
            }
        }

        _min = double.IsNaN(_min) ? value : Math.Min(_min, value);
        _max = double.IsNaN(_max) ? value : Math.Max(_max, value);
        _level.Add(value);

        (double p, SurpriseComponent component) = Smallest(spikeP, shiftP, _patternP, rangeP);
        p = Math.Min(1.0, p * Components);
        double score = Math.Min(1.0, -Math.Log10(Math.Max(p, 1e-300)) / 20.0);
        double trailing = _recentScores.Push(_rows, score);
        bool beatsIncident = score > trailing;
        bool alert = beatsIncident && p <= _options.AlertPValue && _rows - _lastAlertRow > _options.IncidentRows;
        if (alert)
        {
            _lastAlertRow = _rows;
            _incidents++;
        }

        return new StreamingScore(
            beatsIncident ? score : 0.0,
            p,
            p < 1.0 ? component : SurpriseComponent.None,
            alert,
            alert ? _incidents : 0);
    }

    private double ShortMean()
    {
        // Oldest first, so the sum is the same whatever the ring's rotation.
        int start = _shortCount == _short.Length ? _shortHead : 0;
        double sum = 0.0;
        for (int i = start; i < _shortCount; i++)
        {
            sum += _short[i];
        }

        for (int i = 0; i < start; i++)
        {
            sum += _short[i];
        }

        return sum / _shortCount;
    }

    private static (double P, SurpriseComponent Component) Smallest(double spike, double shift, double pattern, double range)
    {
        (double p, SurpriseComponent c) = (spike, SurpriseComponent.Spike);
        if (shift < p)
        {
            (p, c) = (shift, SurpriseComponent.LevelShift);
        }

        if (pattern < p)
        {
            (p, c) = (pattern, SurpriseComponent.Pattern);
        }

        if (range < p)
        {
            (p, c) = (range, SurpriseComponent.Range);
        }

        return (p, c);
    }

    /// <summary>Writes the whole state (for a checkpoint); <see cref="ReadState"/> restores it bit for bit.</summary>
    public void WriteState(BinaryWriter writer)
    {
        writer.Write(StateVersion);
        writer.Write(_rows);
        writer.Write(_shortCount);
        writer.Write(_shortHead);
        foreach (double v in _short)
        {
            writer.Write(v);
        }

        writer.Write(_patternP);
        writer.Write(_min);
        writer.Write(_max);
        writer.Write(_lastAlertRow);
        writer.Write(_incidents);
        _level.Write(writer);
        _spikeCalibration.Write(writer);
        _shiftCalibration.Write(writer);
        _patternCalibration.Write(writer);
        _pattern.Write(writer);
        _recentScores.Write(writer);
    }

    /// <summary>Restores a state written by <see cref="WriteState"/> with the same options.</summary>
    public void ReadState(BinaryReader reader)
    {
        if (reader.ReadInt32() != StateVersion)
        {
            throw new InvalidDataException("unsupported detector state version");
        }

        _rows = reader.ReadInt64();
        _shortCount = reader.ReadInt32();
        _shortHead = reader.ReadInt32();
        if (_shortCount < 0 || _shortCount > _short.Length || _shortHead < 0 || _shortHead >= _short.Length)
        {
            throw new InvalidDataException("detector state does not match the detector's short window");
        }

        for (int i = 0; i < _short.Length; i++)
        {
            _short[i] = reader.ReadDouble();
        }

        _patternP = reader.ReadDouble();
        _min = reader.ReadDouble();
        _max = reader.ReadDouble();
        _lastAlertRow = reader.ReadInt64();
        _incidents = reader.ReadInt64();
        _level.Read(reader);
        _spikeCalibration.Read(reader);
        _shiftCalibration.Read(reader);
        _patternCalibration.Read(reader);
        _pattern.Read(reader);
        _recentScores.Read(reader);
    }
}
