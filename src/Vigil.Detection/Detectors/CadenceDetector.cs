using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;
using Vigil.Core.Numerics;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>cad.regularity</c> (reference §4.9): a declared time column whose inter-arrival times are metronomic
/// (coefficient of variation below <c>cad_max_cv</c>), the signature of automated traffic. Ignores roles and types;
/// values are taken in row order, unsorted.
/// </summary>
internal sealed class CadenceDetector : IDetector
{
    public string Id => "cad.regularity";

    public AnomalyClass Class => AnomalyClass.Cadence;

    public void Run(ScanContext context, DetectionSink sink)
    {
        if (context.Config.CadenceColumn is not string name)
        {
            sink.Absent(Id, "cadence detection requires a time column (pass --cadence <COL>)");
            return;
        }

        if (context.Current.Find(name) is not Column column)
        {
            sink.Absent(Id, $"column '{name}' not found");
            return;
        }

        double[] deltas = Intervals(context.Profile(column).Values);
        context.Release(column);
        if ((ulong)deltas.Length < context.Config.CadMinN)
        {
            sink.Absent(Id, $"column '{name}' has fewer than {context.Config.CadMinN} intervals");
            return;
        }

        if (CoefficientOfVariation(deltas) is not double cv)
        {
            sink.Absent(Id, $"column '{name}' is not a progressing time series (non-positive mean interval)");
            return;
        }

        double maxCv = context.Config.CadMaxCv;
        if (maxCv > cv)
        {
            sink.Add(Finding.Create(
                Id, Class, Handle.ForColumn(name), Calibration.FromUndercut(cv, maxCv), cv,
                () => $"column '{name}': inter-arrival CV={RustFormat.Fixed(cv, 5)} < {RustFormat.Fixed(maxCv, 5)} — metronomic (automated) cadence"));
        }
    }

    /// <summary>Consecutive differences.</summary>
    internal static double[] Intervals(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return [];
        }

        var deltas = new double[values.Length - 1];
        for (int i = 1; i < values.Length; i++)
        {
            deltas[i - 1] = values[i] - values[i - 1];
        }

        return deltas;
    }

    /// <summary>Sample σ / mean; null for fewer than 2 values or a non-positive mean.</summary>
    internal static double? CoefficientOfVariation(ReadOnlySpan<double> deltas)
    {
        if (Det.Mean(deltas) is not double mean || mean <= 0 || Det.StdDev(deltas) is not double sd)
        {
            return null;
        }

        return sd / mean;
    }
}
