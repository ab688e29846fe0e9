using Vigil.Core.Columns;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;

namespace Vigil.Scanning;

/// <summary>
/// The outcome of one scan: the decided envelope (findings, absences, roles, summary, scope, config version, exit
/// code) and what was scanned (the corpus, its size, how long it took). Report writers render it.
/// </summary>
/// <param name="Envelope">The tq1 envelope's facts.</param>
/// <param name="Corpus">The scoped current corpus.</param>
/// <param name="BytesRead">Bytes of the current input.</param>
/// <param name="Elapsed">Wall time of load + detect (never part of the envelope, which stays deterministic).</param>
public sealed record ScanReport(ScanEnvelope Envelope, RecordSet Corpus, long BytesRead, TimeSpan Elapsed)
{
    /// <summary>0 clean, 1 anomalies detected (before output scoping).</summary>
    public int Exit => Envelope.Exit;

    public string Source => Corpus.Source;

    public string Format => Corpus.Format;

    /// <summary>Rows scanned as the envelope reports them (0 for a corpus without columns).</summary>
    public long Rows => Envelope.RowsScanned;

    public int Columns => Corpus.Columns.Count;

    /// <summary>Every finding, in envelope order.</summary>
    public IReadOnlyList<Finding> Findings => Envelope.Detected;

    /// <summary>The findings that survive <c>--min-severity</c>/<c>--top</c>.</summary>
    public IReadOnlyList<Finding> Emitted => Envelope.Emitted;

    public IReadOnlyList<Absence> Absences => Envelope.Absences;

    public IReadOnlyList<RoleAssignment> Roles => Envelope.Roles;

    public string ConfigVersion => Envelope.ConfigVersion;
}
