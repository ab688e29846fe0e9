using Vigil.Core.Numerics;

namespace Vigil.Detection.Statistics;

/// <summary>
/// The special functions behind the reference's p-values, following statrs 0.18 operation for operation
/// (reference §4.11) so that p-values, and the confidences calibrated from them, match to the last bit on the
/// same libm: <c>erfc</c> (Boost rational approximations), <c>ln_gamma</c> (Lanczos, Pugh's coefficients),
/// the regularised lower incomplete gamma <c>P(a, x)</c> (Cephes series / continued fraction), the χ² survival
/// function built on it, and the asymptotic Kolmogorov–Smirnov Q-function (100-term series, deterministic sum).
/// </summary>
internal static class SpecialFunctions
{
    private const double GammaR = 10.900511;
    private const double LnPi = 1.1447298858494001741434273513530587116472948129153;
    private const double Ln2SqrtEOverPi = 0.6207822376352452223455184457816472122518527279025978;
    private const double DefaultF64Acc = 0.0000000000000011102230246251565;

    private static readonly double[] GammaDk =
    [
        2.48574089138753565546e-5,
        1.05142378581721974210,
        -3.45687097222016235469,
        4.51227709466894823700,
        -2.98285225323576655721,
        1.05639711577126713077,
        -1.95428773191645869583e-1,
        1.70970543404441224307e-2,
        -5.71926117404305781283e-4,
        4.63399473359905636708e-6,
        -2.71994908488607703910e-9,
    ];

    /// <summary>ln Γ(x) by the Lanczos approximation (g = 10.900511, 11 terms), with reflection below 0.5.</summary>
    public static double LnGamma(double x)
    {
        if (x < 0.5)
        {
            double s = GammaDk[0];
            for (int i = 1; i < GammaDk.Length; i++)
            {
                s += GammaDk[i] / (i - x);
            }

            return LnPi
                - Math.Log(Math.Sin(Math.PI * x))
                - Math.Log(s)
                - Ln2SqrtEOverPi
                - ((0.5 - x) * Math.Log((0.5 - x + GammaR) / Math.E));
        }
        else
        {
            double s = GammaDk[0];
            for (int i = 1; i < GammaDk.Length; i++)
            {
                s += GammaDk[i] / (x + i - 1.0);
            }

            return Math.Log(s)
                + Ln2SqrtEOverPi
                + ((x - 0.5) * Math.Log((x - 0.5 + GammaR) / Math.E));
        }
    }

    /// <summary>Regularised lower incomplete gamma P(a, x) for a &gt; 0, x &gt; 0 (statrs <c>gamma_lr</c>).</summary>
    public static double GammaLr(double a, double x) => GammaLr(a, x, LnGamma(a));

    /// <summary><see cref="GammaLr(double, double)"/> with ln Γ(a) supplied (the same value, computed once per a).</summary>
    internal static double GammaLr(double a, double x, double lnGammaA)
    {
        if (double.IsNaN(a) || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (a <= 0.0 || double.IsPositiveInfinity(a))
        {
            throw new ArgumentOutOfRangeException(nameof(a), "a is infinite, zero or less than zero");
        }

        if (x <= 0.0 || double.IsPositiveInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), "x is infinite, zero or less than zero");
        }

        const double eps = 0.000000000000001;
        const double big = 4503599627370496.0;
        const double bigInv = 2.22044604925031308085e-16;

        if (Math.Abs(a) <= DefaultF64Acc)
        {
            return 1.0;
        }

        if (Math.Abs(x) <= DefaultF64Acc)
        {
            return 0.0;
        }

        double ax = (a * Math.Log(x)) - x - lnGammaA;
        if (ax < -709.78271289338399)
        {
            return a < x ? 1.0 : 0.0;
        }

        if (x <= 1.0 || x <= a)
        {
            double r2 = a;
            double c2 = 1.0;
            double ans2 = 1.0;
            while (true)
            {
                r2 += 1.0;
                c2 *= x / r2;
                ans2 += c2;
                if (c2 / ans2 <= eps)
                {
                    break;
                }
            }

            return Math.Exp(ax) * ans2 / a;
        }

        double y = 1.0 - a;
        double z = x + y + 1.0;
        int c = 0;
        double p3 = 1.0;
        double q3 = x;
        double p2 = x + 1.0;
        double q2 = z * x;
        double ans = p2 / q2;
        while (true)
        {
            y += 1.0;
            z += 2.0;
            c += 1;
            double yc = y * c;
            double p = (p2 * z) - (p3 * yc);
            double q = (q2 * z) - (q3 * yc);
            p3 = p2;
            p2 = p;
            q3 = q2;
            q2 = q;
            if (Math.Abs(p) > big)
            {
                p3 *= bigInv;
                p2 *= bigInv;
                q3 *= bigInv;
                q2 *= bigInv;
            }

            if (q != 0.0)
            {
                double nextAns = p / q;
                double error = Math.Abs((ans - nextAns) / nextAns);
                ans = nextAns;
                if (error <= eps)
                {
                    break;
                }
            }
        }

        return 1.0 - (Math.Exp(ax) * ans);
    }

    /// <summary>χ²(k) CDF, as statrs' <c>ChiSquared::cdf</c> (= Gamma(k/2, rate ½)).</summary>
    public static double ChiSquaredCdf(double x, double dof) => ChiSquaredCdf(x, dof, LnGamma(dof / 2.0));

    /// <summary>The reference's <c>chi2_pvalue</c>: clamp(1 − CDF, 0, 1).</summary>
    public static double ChiSquaredPValue(double stat, double dof) => ChiSquaredPValue(stat, dof, LnGamma(dof / 2.0));

    /// <summary><see cref="ChiSquaredPValue(double, double)"/> with ln Γ(dof/2) supplied, for per-row use.</summary>
    internal static double ChiSquaredPValue(double stat, double dof, double lnGammaHalfDof) =>
        Math.Clamp(1.0 - ChiSquaredCdf(stat, dof, lnGammaHalfDof), 0.0, 1.0);

    private static double ChiSquaredCdf(double x, double dof, double lnGammaHalfDof)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 1.0;
        }

        return GammaLr(dof / 2.0, x * 0.5, lnGammaHalfDof);
    }

    /// <summary>
    /// Asymptotic Kolmogorov distribution tail Q(λ) = 2 Σ_{k=1..100} (−1)^{k−1} e^{−2k²λ²}, summed with
    /// <c>det_sum</c> and clamped to [0, 1]; 1 for λ ≤ 0.
    /// </summary>
    public static double KolmogorovQ(double lambda)
    {
        if (lambda <= 0.0)
        {
            return 1.0;
        }

        Span<double> terms = stackalloc double[100];
        for (int k = 1; k <= 100; k++)
        {
            double kf = k;
            double sign = (k % 2 == 1) ? 1.0 : -1.0;
            terms[k - 1] = sign * Math.Exp(-2.0 * kf * kf * lambda * lambda);
        }

        return Math.Clamp(2.0 * Det.Sum(terms), 0.0, 1.0);
    }

    /// <summary>Two-sample KS p-value for statistic <paramref name="d"/> and sample sizes n, m (Numerical Recipes).</summary>
    public static double KolmogorovSmirnovPValue(double d, int n, int m)
    {
        double nf = n, mf = m;
        double en = Math.Sqrt(nf * mf / (nf + mf));
        double lambda = (en + 0.12 + (0.11 / en)) * d;
        return KolmogorovQ(lambda);
    }

    /// <summary>Two-sided normal tail p = erfc(|z|/√2).</summary>
    public static double TwoSidedP(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2.0));

    /// <summary>Complementary error function (statrs <c>erfc</c>).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        if (double.IsNegativeInfinity(x))
        {
            return 2.0;
        }

        return ErfImpl(x, true);
    }

    /// <summary>Error function (statrs <c>erf</c>).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 1.0;
        }

        if (double.IsNegativeInfinity(x))
        {
            return -1.0;
        }

        return x == 0.0 ? 0.0 : ErfImpl(x, false);
    }

    private static double ErfImpl(double z, bool inv)
    {
        if (z < 0.0)
        {
            if (!inv)
            {
                return -ErfImpl(-z, false);
            }

            if (z < -0.5)
            {
                return 2.0 - ErfImpl(-z, true);
            }

            return 1.0 + ErfImpl(-z, false);
        }

        double result;
        if (z < 0.5)
        {
            result = z < 1e-10
                ? (z * 1.125) + (z * 0.003379167095512573896158903121545171688)
                : (z * 1.125) + (z * Polynomial(z, ErfCoefficients.AN) / Polynomial(z, ErfCoefficients.AD));
        }
        else if (z < 110.0)
        {
            double r, b;
            if (z < 0.75)
            {
                r = Polynomial(z - 0.5, ErfCoefficients.BN) / Polynomial(z - 0.5, ErfCoefficients.BD);
                b = 0.3440242112;
            }
            else if (z < 1.25)
            {
                r = Polynomial(z - 0.75, ErfCoefficients.CN) / Polynomial(z - 0.75, ErfCoefficients.CD);
                b = 0.419990927;
            }
            else if (z < 2.25)
            {
                r = Polynomial(z - 1.25, ErfCoefficients.DN) / Polynomial(z - 1.25, ErfCoefficients.DD);
                b = 0.4898625016;
            }
            else if (z < 3.5)
            {
                r = Polynomial(z - 2.25, ErfCoefficients.EN) / Polynomial(z - 2.25, ErfCoefficients.ED);
                b = 0.5317370892;
            }
            else if (z < 5.25)
            {
                r = Polynomial(z - 3.5, ErfCoefficients.FN) / Polynomial(z - 3.5, ErfCoefficients.FD);
                b = 0.5489973426;
            }
            else if (z < 8.0)
            {
                r = Polynomial(z - 5.25, ErfCoefficients.GN) / Polynomial(z - 5.25, ErfCoefficients.GD);
                b = 0.5571740866;
            }
            else if (z < 11.5)
            {
                r = Polynomial(z - 8.0, ErfCoefficients.HN) / Polynomial(z - 8.0, ErfCoefficients.HD);
                b = 0.5609807968;
            }
            else if (z < 17.0)
            {
                r = Polynomial(z - 11.5, ErfCoefficients.IN) / Polynomial(z - 11.5, ErfCoefficients.ID);
                b = 0.5626493692;
            }
            else if (z < 24.0)
            {
                r = Polynomial(z - 17.0, ErfCoefficients.JN) / Polynomial(z - 17.0, ErfCoefficients.JD);
                b = 0.5634598136;
            }
            else if (z < 38.0)
            {
                r = Polynomial(z - 24.0, ErfCoefficients.KN) / Polynomial(z - 24.0, ErfCoefficients.KD);
                b = 0.5638477802;
            }
            else if (z < 60.0)
            {
                r = Polynomial(z - 38.0, ErfCoefficients.LN) / Polynomial(z - 38.0, ErfCoefficients.LD);
                b = 0.5640528202;
            }
            else if (z < 85.0)
            {
                r = Polynomial(z - 60.0, ErfCoefficients.MN) / Polynomial(z - 60.0, ErfCoefficients.MD);
                b = 0.5641309023;
            }
            else
            {
                r = Polynomial(z - 85.0, ErfCoefficients.NN) / Polynomial(z - 85.0, ErfCoefficients.ND);
                b = 0.5641584396;
            }

            double g = Math.Exp(-z * z) / z;
            result = (g * b) + (g * r);
        }
        else
        {
            result = 0.0;
        }

        if (inv && z >= 0.5)
        {
            return result;
        }

        if (z >= 0.5 || inv)
        {
            return 1.0 - result;
        }

        return result;
    }

    // Horner from the highest coefficient, one rounding per multiply and add (no fused multiply-add), as statrs.
    private static double Polynomial(double z, double[] coefficients)
    {
        int n = coefficients.Length;
        double sum = coefficients[n - 1];
        for (int i = n - 2; i >= 0; i--)
        {
            sum *= z;
            sum += coefficients[i];
        }

        return sum;
    }
}
