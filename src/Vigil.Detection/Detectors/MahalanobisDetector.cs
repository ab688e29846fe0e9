using System.Runtime.CompilerServices;
using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Numerics;
using Vigil.Core.Text;
using Vigil.Detection.Numerics;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>mv.mahalanobis</c> (reference §4.6): rows whose joint position over all numeric measurement columns is far
/// from the centroid (squared Mahalanobis distance under the classical, ridge-regularised covariance), flagged
/// when the χ²(d) p-value is below <c>mv_alpha</c>. Every inner sum is a deterministic sum.
/// </summary>
internal sealed class MahalanobisDetector : IDetector
{
    public string Id => "mv.mahalanobis";

    public AnomalyClass Class => AnomalyClass.Multivariate;

    public void Run(ScanContext context, DetectionSink sink)
    {
        var features = new List<Column>();
        IReadOnlyList<Column> columns = context.Current.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            if (columns[c].Type.IsNumeric() && !context.IsRoleSkipped(c))
            {
                features.Add(columns[c]);
            }
        }

        if (features.Count < 2)
        {
            sink.Absent(Id, "needs at least 2 numeric columns for a multivariate distance");
            return;
        }

        int dim = features.Count;
        int rowCount = context.Current.Rows;
        bool allComplete = features.TrueForAll(f => context.Numeric(f).Count == rowCount);
        double[][] data;
        int[] rows;
        if (allComplete)
        {
            // Every cell finite: the shared per-column projections are the complete rows (read-only here).
            data = features.Select(f => context.Numeric(f).Values).ToArray();
            rows = context.Numeric(features[0]).Rows;
        }
        else
        {
            (data, rows) = CompleteRows(features, rowCount);
        }

        int n = rows.Length;
        if ((ulong)n < context.Config.MvMinN)
        {
            sink.Absent(Id, $"fewer than {context.Config.MvMinN} complete numeric rows to estimate a covariance");
            return;
        }

        var mean = new double[dim];
        for (int j = 0; j < dim; j++)
        {
            SortedSample sample = allComplete ? context.Sorted(features[j]) : SortedSample.Of(data[j]);
            mean[j] = sample.Sum() / n;
        }

        double[][] cov = Covariance(data, mean);
        AddRidge(cov, context.Config.MvRidge);
        if (Cholesky(cov) is not double[][] l)
        {
            sink.Absent(Id, "covariance is singular (constant or collinear columns)");
            return;
        }

        double alpha = context.Config.MvAlpha;
        double a = dim / 2.0;
        double lnGammaA = SpecialFunctions.LnGamma(a);
        double screen = Screen(dim, alpha, lnGammaA);
        ScoreRows(data, rows, mean, l, alpha, screen, lnGammaA, sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreRows(double[][] data, int[] rows, double[] mean, double[][] l, double alpha, double screen, double lnGammaA, DetectionSink sink)
    {
        int dim = data.Length;
        int n = rows.Length;
        Span<double> d = stackalloc double[dim];
        Span<double> z = stackalloc double[dim];
        Span<double> scratch = stackalloc double[dim];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < dim; j++)
            {
                d[j] = data[j][r] - mean[j];
            }

            ForwardSolve(l, d, z, scratch);
            for (int j = 0; j < dim; j++)
            {
                scratch[j] = z[j] * z[j];
            }

            double d2 = Det.SumInPlace(scratch);
            if (d2 < screen)
            {
                continue;
            }

            double p = SpecialFunctions.ChiSquaredPValue(d2, dim, lnGammaA);
            if (p < alpha)
            {
                string reason = $"row {rows[r]}: Mahalanobis D²={RustFormat.Fixed(d2, 3)} over {dim} numeric columns, p={RustFormat.ExpFixed(p, 3)} < α={RustFormat.ExpFixed(alpha, 3)} — joint outlier";
                sink.Add(Finding.Create(Id, Class, Handle.ForRow(rows[r]), Calibration.FromUndercut(p, alpha), d2, reason));
            }
        }
    }

    /// <summary>
    /// A D² below which p ≥ α for certain, so the p-value (the costly part per row) is skipped: half the critical
    /// value found by bisection on the same p-value function. p is strictly decreasing in D² and its rounding error
    /// (~1e-15 relative) is far smaller than the change over a factor of two, so no flaggable row is screened out.
    /// </summary>
    private static double Screen(int dim, double alpha, double lnGammaA)
    {
        if (!(alpha > 0) || !(alpha <= 1))
        {
            return alpha > 1 ? 0.0 : double.PositiveInfinity;
        }

        double hi = 1.0;
        while (SpecialFunctions.ChiSquaredPValue(hi, dim, lnGammaA) >= alpha)
        {
            hi *= 2;
            if (double.IsInfinity(hi))
            {
                return double.PositiveInfinity;
            }
        }

        double lo = 0.0;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (SpecialFunctions.ChiSquaredPValue(mid, dim, lnGammaA) >= alpha)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * lo;
    }

    /// <summary>Feature-major values of the rows where every feature is finite, and those rows' indices.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[][] Data, int[] Rows) CompleteRows(List<Column> features, int rowCount)
    {
        var rows = new List<int>(rowCount);
        for (int row = 0; row < rowCount; row++)
        {
            bool complete = true;
            foreach (Column f in features)
            {
                if (!f.TryGetDouble(row, out double v) || !double.IsFinite(v))
                {
                    complete = false;
                    break;
                }
            }

            if (complete)
            {
                rows.Add(row);
            }
        }

        var data = new double[features.Count][];
        for (int j = 0; j < features.Count; j++)
        {
            var column = new double[rows.Count];
            for (int i = 0; i < rows.Count; i++)
            {
                features[j].TryGetDouble(rows[i], out column[i]);
            }

            data[j] = column;
        }

        return (data, rows.ToArray());
    }

    /// <summary>Sample covariance: det_sum of centered products over n − 1, filled symmetrically.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double[][] Covariance(double[][] data, double[] mean)
    {
        int dim = data.Length;
        int n = data[0].Length;
        var centered = new double[dim][];
        for (int j = 0; j < dim; j++)
        {
            var c = new double[n];
            for (int i = 0; i < n; i++)
            {
                c[i] = data[j][i] - mean[j];
            }

            centered[j] = c;
        }

        var cov = new double[dim][];
        for (int j = 0; j < dim; j++)
        {
            cov[j] = new double[dim];
        }

        var products = new double[n];
        for (int j = 0; j < dim; j++)
        {
            for (int k = j; k < dim; k++)
            {
                double[] cj = centered[j], ck = centered[k];
                for (int i = 0; i < n; i++)
                {
                    products[i] = cj[i] * ck[i];
                }

                double v = Det.SumInPlace(products) / (n - 1);
                cov[j][k] = v;
                cov[k][j] = v;
            }
        }

        return cov;
    }

    /// <summary>Adds <c>ridge · trace/d</c> to every diagonal entry.</summary>
    internal static void AddRidge(double[][] cov, double ridge)
    {
        int dim = cov.Length;
        var diag = new double[dim];
        for (int j = 0; j < dim; j++)
        {
            diag[j] = cov[j][j];
        }

        double eps = ridge * Det.SumInPlace(diag) / dim;
        for (int j = 0; j < dim; j++)
        {
            cov[j][j] += eps;
        }
    }

    /// <summary>Lower Cholesky factor (row-major, inner sums via det_sum); null when not positive definite.</summary>
    internal static double[][]? Cholesky(double[][] m)
    {
        int dim = m.Length;
        var l = new double[dim][];
        for (int i = 0; i < dim; i++)
        {
            l[i] = new double[dim];
        }

        var scratch = new double[dim];
        for (int i = 0; i < dim; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                for (int k = 0; k < j; k++)
                {
                    scratch[k] = l[i][k] * l[j][k];
                }

                double sum = Det.SumInPlace(scratch.AsSpan(0, j));
                if (i == j)
                {
                    double diag = m[i][i] - sum;
                    if (diag <= 0.0)
                    {
                        return null;
                    }

                    l[i][j] = Math.Sqrt(diag);
                }
                else
                {
                    l[i][j] = (m[i][j] - sum) / l[j][j];
                }
            }
        }

        return l;
    }

    /// <summary>Solves L z = b by forward substitution, each inner sum a det_sum.</summary>
    internal static void ForwardSolve(double[][] l, ReadOnlySpan<double> b, Span<double> z, Span<double> scratch)
    {
        for (int i = 0; i < b.Length; i++)
        {
            for (int k = 0; k < i; k++)
            {
                scratch[k] = l[i][k] * z[k];
            }

            double sum = Det.SumInPlace(scratch[..i]);
            z[i] = (b[i] - sum) / l[i][i];
        }
    }
}
