using Vigil.Core.Findings;

namespace Vigil.Detection;

/// <summary>What one column's pass told a detector, for the absence it may owe once every column is done.</summary>
[Flags]
internal enum ColumnVerdict : byte
{
    None = 0,

    /// <summary>The column met the detector's preconditions (type, size, pairing).</summary>
    Eligible = 1,

    /// <summary>The column was actually assessed.</summary>
    Assessed = 2,
}

/// <summary>
/// A detector that assesses each current column independently, so the engine can run columns in parallel: findings
/// per column (reported in column order), then one conclusion over all verdicts (the absence, if any).
/// </summary>
internal abstract class ColumnDetector : IDetector
{
    public abstract string Id { get; }

    public abstract AnomalyClass Class { get; }

    /// <summary>Assesses current column <paramref name="column"/>; findings go to <paramref name="sink"/>.</summary>
    public abstract ColumnVerdict RunColumn(ScanContext context, int column, DetectionSink sink);

    /// <summary>Records the absence the verdicts call for, if any.</summary>
    public abstract void Conclude(ScanContext context, ReadOnlySpan<ColumnVerdict> verdicts, DetectionSink sink);

    public void Run(ScanContext context, DetectionSink sink)
    {
        var verdicts = new ColumnVerdict[context.Current.Columns.Count];
        for (int c = 0; c < verdicts.Length; c++)
        {
            verdicts[c] = RunColumn(context, c, sink);
        }

        Conclude(context, verdicts, sink);
    }

    protected static bool Any(ReadOnlySpan<ColumnVerdict> verdicts, ColumnVerdict flag)
    {
        foreach (ColumnVerdict v in verdicts)
        {
            if ((v & flag) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
