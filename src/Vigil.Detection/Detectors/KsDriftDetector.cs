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
internal sealed class KsDriftDetector : IDetector
{
    public string Id => "dist.ks";

    public AnomalyClass Class => AnomalyClass.Distributional;

    public void Run(ScanContext context, DetectionSink sink)
    {
        if (DriftPairs.NumericOrAbsent(context, sink, Id) is not { } pairs)
        {
            return;
        }

        double alpha = context.Config.DistAlpha;
        foreach (var (column, current, baseline) in pairs)
        {
            if (Statistic(baseline.Values, current.Values) is not double d)
            {
                continue;
            }

            double p = SpecialFunctions.KolmogorovSmirnovPValue(d, baseline.Count, current.Count);
            if (p < alpha)
            {
                string reason = $"{column.Name}: KS D={RustFormat.Fixed(d, 4)}, p={RustFormat.Fixed(p, 4)} < α={RustFormat.Fixed(alpha, 4)} — distribution shifted";
                sink.Add(Finding.Create(Id, Class, Handle.ForDist(column.Name), Calibration.FromUndercut(p, alpha), d, reason));
            }
        }
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
