namespace Vigil.Detection.Streaming;

/// <summary>
/// The causal detector's verdict on one row. <see cref="Score"/> is in [0,1] and is 0 on rows that add nothing to
/// an incident already reported (a score is only non-zero when it beats every score of the incident window), so
/// any threshold on it yields about one detection per incident. <see cref="Incident"/> numbers incidents from 1
/// (0 = none).
/// </summary>
public readonly record struct StreamingScore(double Score, double PValue, SurpriseComponent Component, bool Alert, long Incident);
