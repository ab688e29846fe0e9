using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>struct.schema</c> (reference §4.2): mixed-type and mostly-null columns, and — with a baseline — columns added,
/// dropped or retyped. Ignores roles and never reports absence. Confidences for type and presence changes are
/// fixed constants, outside the unified calibration.
/// </summary>
internal sealed class StructSchemaDetector : IDetector
{
    private const double MixedConfidence = 0.7;
    private const double PresenceConfidence = 0.9;
    private const double TypeChangeConfidence = 0.85;

    public string Id => "struct.schema";

    public AnomalyClass Class => AnomalyClass.Structural;

    public void Run(ScanContext context, DetectionSink sink)
    {
        double nullRate = context.Config.StructNullRate;
        foreach (Column column in context.Current.Columns)
        {
            if (column.Type == ColumnType.Mixed)
            {
                sink.Add(Finding.Create(Id, Class, Handle.ForColumn(column.Name), MixedConfidence, 0.0, $"column '{column.Name}' mixes conflicting cell types", ColumnType.Mixed));
            }

            if (column.Length > 0)
            {
                double frac = (double)column.NullCount / column.Length;
                if (frac > nullRate)
                {
                    sink.Add(Finding.Create(Id, Class, Handle.ForColumn(column.Name), Calibration.FromExceedance(frac, nullRate), frac, $"column '{column.Name}' is {RustFormat.Fixed(frac * 100.0, 0)}% null", column.Type));
                }
            }
        }

        if (context.Baseline is not { } baseline)
        {
            return;
        }

        foreach (Column column in context.Current.Columns)
        {
            Column? before = baseline.Find(column.Name);
            if (before is null)
            {
                sink.Add(Finding.Create(Id, Class, Handle.ForColumn(column.Name), PresenceConfidence, 1.0, $"column '{column.Name}' is new (absent in baseline)", column.Type));
            }
            else if (before.Type != column.Type)
            {
                sink.Add(Finding.Create(Id, Class, Handle.ForColumn(column.Name), TypeChangeConfidence, 1.0, $"column '{column.Name}' type changed {before.Type.ToDebugName()} → {column.Type.ToDebugName()}", column.Type));
            }
        }

        foreach (Column column in baseline.Columns)
        {
            if (context.Current.Find(column.Name) is null)
            {
                sink.Add(Finding.Create(Id, Class, Handle.ForColumn(column.Name), PresenceConfidence, 1.0, $"column '{column.Name}' was dropped (present in baseline)", column.Type));
            }
        }
    }
}
