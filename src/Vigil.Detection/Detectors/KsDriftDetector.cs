using System.Runtime.CompilerServices;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>dist.ks</c> (reference §4.3): two-sample Kolmogorov–Smirnov test of each shared numeric column against the
/// baseline, flagged when the asymptotic p-value is below <c>dist_alpha</c>.
/// </summary>
internal sealed class KsDriftDetector : DriftDetector
{
    public override string Id => "dist.ks";

    public override AnomalyClass Class => AnomalyClass.Distributional;

    public override ColumnVerdict RunColumn(ScanContext context, int c, DetectionSink sink)
    {
        if (DriftPairs.Pair(context, c) is not var (column, current, baseline))
        {
            return ColumnVerdict.None;
        }

        double alpha = context.Config.DistAlpha;
        if (Statistic(baseline.Sorted.Values, current.Sorted.Values) is double d)
        {
            double p = SpecialFunctions.KolmogorovSmirnovPValue(d, baseline.Count, current.Count);
            if (p < alpha)
            {
                string name = column.Name;
                sink.Add(Finding.Create(
                    Id, Class, Handle.ForDist(name), Calibration.FromUndercut(p, alpha), d,
                    () => $"{name}: KS D={RustFormat.Fixed(d, 4)}, p={RustFormat.Fixed(p, 4)} < α={RustFormat.Fixed(alpha, 4)} — distribution shifted"));
            }
        }

        return ColumnVerdict.Eligible;
    }

    /// <summary>
    /// The two-sample KS D over samples already sorted by total order: max |F_a − F_b| evaluated after each run of
    /// equal values; null when either sample is empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double? Statistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, m = b.Length;
        if (n == 0 || m == 0)
        {
            return null;
        }

        int i = 0, j = 0;
        double d = 0.0;
        while (i < n && j < m)
        {
            double av = a[i], bv = b[j];
            if (av <= bv)
            {
                while (i < n && a[i] == av)
                {
                    i++;
                }
            }

            if (bv <= av)
            {
                while (j < m && b[j] == bv)
                {
                    j++;
                }
            }

            d = Math.Max(d, Math.Abs(((double)i / n) - ((double)j / m)));
        }

        return d;
    }
}
