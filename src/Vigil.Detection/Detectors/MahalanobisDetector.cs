using System.Numerics;
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

    /// <summary>Whether rows may be screened a vector at a time (tests turn it off to compare with the scalar path).</summary>
    internal bool VectorScreen { get; init; } = true;

    public AnomalyClass Class => AnomalyClass.Multivariate;

    // Rows are read in blocks of this many, each feature converted into a small double buffer once per block.
    private const int BlockRows = 1024;

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

        FeatureTable table = FeatureTable.Of(features, context.Current.Rows, context);
        int n = table.Count;
        if ((ulong)n < context.Config.MvMinN)
        {
            sink.Absent(Id, $"fewer than {context.Config.MvMinN} complete numeric rows to estimate a covariance");
            return;
        }

        int dim = features.Count;
        var mean = new double[dim];
        for (int j = 0; j < dim; j++)
        {
            mean[j] = table.Sum(j) / n;
        }

        double[][] cov = Covariance(table, mean);
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
        ScoreRows(table, mean, l, alpha, screen, lnGammaA, sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreRows(FeatureTable table, double[] mean, double[][] l, double alpha, double screen, double lnGammaA, DetectionSink sink)
    {
        int dim = mean.Length;
        int n = table.Count;
        var scorer = new RowScorer(this, mean, l, alpha, screen, lnGammaA, sink);
        bool vectorised = VectorScreen && dim <= 3 && Vector.IsHardwareAccelerated;
        double[] block = new double[dim * BlockRows];
        for (int start = 0; start < n; start += BlockRows)
        {
            int count = Math.Min(BlockRows, n - start);
            for (int j = 0; j < dim; j++)
            {
                table.Fill(j, start, block.AsSpan(j * BlockRows, count));
            }

            int r = 0;
            if (vectorised)
            {
                // Rows the vector screen could not rule out, in row order, then the rows past the last vector.
                r = scorer.ScreenVectors(block, count);
                foreach (int kept in scorer.Candidates)
                {
                    scorer.Score(block, kept, table.RowOf(start + kept));
                }

                scorer.Candidates.Clear();
            }

            for (; r < count; r++)
            {
                scorer.Score(block, r, table.RowOf(start + r));
            }
        }
    }

    /// <summary>
    /// Scores rows of a block. The vector screen evaluates Vector&lt;double&gt;.Count rows at once with the very
    /// operations of the scalar path (for d ≤ 3 every forward-substitution sum has at most two terms, so the exact
    /// sum is one addition) and only rules rows out; every row it keeps is scored by the scalar path.
    /// </summary>
    private sealed class RowScorer(MahalanobisDetector detector, double[] mean, double[][] l, double alpha, double screen, double lnGammaA, DetectionSink sink)
    {
        // Squares are non-negative, so the plain sum is within a relative 1e-15 of the exact one: a row whose plain
        // D² is clearly below the screen is below it exactly, and only the rest pay for the exact sum.
        private readonly double _plainScreen = screen * (1 - 1e-9);
        private readonly double[] _d = new double[mean.Length];
        private readonly double[] _z = new double[mean.Length];
        private readonly double[] _scratch = new double[mean.Length];

        /// <summary>Rows of the current block the vector screen kept; the caller scores and clears them.</summary>
        public List<int> Candidates { get; } = [];

        /// <summary>Screens whole vectors of rows from the start of the block; returns the first row not screened.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int ScreenVectors(double[] block, int count)
        {
            int dim = mean.Length;
            int width = Vector<double>.Count;
            var plainScreen = new Vector<double>(_plainScreen);
            var zero = Vector<double>.Zero;
            var nan = new Vector<double>(double.NaN);
            Span<Vector<double>> z = stackalloc Vector<double>[3];
            int r = 0;
            for (; r + width <= count; r += width)
            {
                Vector<double> plain = zero;
                for (int i = 0; i < dim; i++)
                {
                    Vector<double> b = new Vector<double>(block.AsSpan((i * BlockRows) + r, width)) - new Vector<double>(mean[i]);
                    Vector<double> sum = zero;
                    if (i > 0)
                    {
                        Vector<double> s = new Vector<double>(l[i][0]) * z[0];
                        if (i > 1)
                        {
                            s += new Vector<double>(l[i][1]) * z[1];
                        }

                        // Det.Sum of one or two terms: the rounded sum, +0 for −0, NaN when not finite.
                        sum = Vector.ConditionalSelect(Vector.Equals(s - s, zero), s + zero, nan);
                    }

                    z[i] = (b - sum) / new Vector<double>(l[i][i]);
                    plain += z[i] * z[i];
                }

                if (!Vector.LessThanAll(plain, plainScreen))
                {
                    for (int k = 0; k < width; k++)
                    {
                        if (!(plain[k] < _plainScreen))
                        {
                            Candidates.Add(r + k);
                        }
                    }
                }
            }

            return r;
        }

        public void Score(double[] block, int r, int row)
        {
            int dim = mean.Length;
            for (int j = 0; j < dim; j++)
            {
                _d[j] = block[(j * BlockRows) + r] - mean[j];
            }

            ForwardSolve(l, _d, _z, _scratch);
            double plain = 0.0;
            for (int j = 0; j < dim; j++)
            {
                _scratch[j] = _z[j] * _z[j];
                plain += _scratch[j];
            }

            if (plain < _plainScreen)
            {
                return;
            }

            double d2 = ExactSum.Of(_scratch);
            if (d2 < screen)
            {
                return;
            }

            double p = SpecialFunctions.ChiSquaredPValue(d2, dim, lnGammaA);
            if (p < alpha)
            {
                detector.Emit(row, d2, p, dim, alpha, sink);
            }
        }
    }

    // A method of its own so the reason's closure is allocated per finding, not per row.
    private void Emit(int row, double d2, double p, int dim, double alpha, DetectionSink sink) =>
        sink.Add(Finding.Create(
            Id, Class, Handle.ForRow(row), Calibration.FromUndercut(p, alpha), d2,
            () => $"row {row}: Mahalanobis D²={RustFormat.Fixed(d2, 3)} over {dim} numeric columns, p={RustFormat.ExpFixed(p, 3)} < α={RustFormat.ExpFixed(alpha, 3)} — joint outlier"));

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

    /// <summary>Sample covariance: the exact sum of centered products over n − 1, filled symmetrically.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double[][] Covariance(FeatureTable table, double[] mean)
    {
        int dim = mean.Length;
        int n = table.Count;
        var sums = new ExactSum[dim * dim];
        for (int j = 0; j < dim; j++)
        {
            for (int k = j; k < dim; k++)
            {
                sums[(j * dim) + k] = new ExactSum();
            }
        }

        double[] centered = new double[dim * BlockRows];
        double[] products = new double[BlockRows];
        for (int start = 0; start < n; start += BlockRows)
        {
            int count = Math.Min(BlockRows, n - start);
            for (int j = 0; j < dim; j++)
            {
                Span<double> cj = centered.AsSpan(j * BlockRows, count);
                table.Fill(j, start, cj);
                double m = mean[j];
                for (int i = 0; i < cj.Length; i++)
                {
                    cj[i] -= m;
                }
            }

            for (int j = 0; j < dim; j++)
            {
                ReadOnlySpan<double> cj = centered.AsSpan(j * BlockRows, count);
                for (int k = j; k < dim; k++)
                {
                    ReadOnlySpan<double> ck = centered.AsSpan(k * BlockRows, count);
                    Span<double> prod = products.AsSpan(0, count);
                    for (int i = 0; i < prod.Length; i++)
                    {
                        prod[i] = cj[i] * ck[i];
                    }

                    sums[(j * dim) + k].Add(prod);
                }
            }
        }

        var cov = new double[dim][];
        for (int j = 0; j < dim; j++)
        {
            cov[j] = new double[dim];
        }

        for (int j = 0; j < dim; j++)
        {
            for (int k = j; k < dim; k++)
            {
                double v = sums[(j * dim) + k].Result() / (n - 1);
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

        double eps = ridge * Det.Sum(diag) / dim;
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

                double sum = Det.Sum(scratch.AsSpan(0, j));
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

            double sum = Det.Sum(scratch[..i]);
            z[i] = (b[i] - sum) / l[i][i];
        }
    }
}
