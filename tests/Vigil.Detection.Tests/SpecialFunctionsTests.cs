using Vigil.Detection.Statistics;

namespace Vigil.Detection.Tests;

public sealed class SpecialFunctionsTests
{
    [Fact]
    public void KolmogorovQ_MatchesReferencePins()
    {
        Assert.Equal(0.26999967167735456, SpecialFunctions.KolmogorovQ(1.0));
        Assert.Equal(0.9639452436648751, SpecialFunctions.KolmogorovQ(0.5));
    }

    [Fact]
    public void KolmogorovQ_IsOneAtOrBelowZeroAndClamped()
    {
        Assert.Equal(1.0, SpecialFunctions.KolmogorovQ(0.0));
        Assert.Equal(1.0, SpecialFunctions.KolmogorovQ(-3.0));
        double q = SpecialFunctions.KolmogorovQ(0.01);
        Assert.InRange(q, 0.0, 1.0);
        Assert.Equal(0.0, SpecialFunctions.KolmogorovQ(40.0));
    }

    [Fact]
    public void KsPValue_MatchesReferencePin() =>
        // The reference quotes 3.627616200654517e-6 (16 significant digits); the double is 3.6276162006545173e-6.
        Assert.True(Math.Abs(SpecialFunctions.KolmogorovSmirnovPValue(0.5, 50, 50) - 3.627616200654517e-6) < 1e-21);

    [Fact]
    public void Erfc_MatchesStatrsExactValues()
    {
        // statrs' own test vectors asserted with exact equality.
        Assert.Equal(1.0, SpecialFunctions.Erfc(0.0));
        Assert.Equal(0.77729741078952153382354696879074328330488429289918085, SpecialFunctions.Erfc(0.2));
        Assert.Equal(0.67137324054087258381038201468179696674152824068709621, SpecialFunctions.Erfc(0.3));
        Assert.Equal(0.0, SpecialFunctions.Erfc(double.PositiveInfinity));
        Assert.Equal(2.0, SpecialFunctions.Erfc(double.NegativeInfinity));
    }

    [Theory]
    [InlineData(-1.0, 1.8427007929497148693412206350826092592960669979663028, 1e-11)]
    [InlineData(0.5, 0.47950012218695346231725334610803547126354842424203654, 1e-9)]
    [InlineData(1.0, 0.15729920705028513065877936491739074070393300203369719, 1e-11)]
    [InlineData(2.0, 0.0046777349810472658379307436327470713891082029599399245, 1e-11)]
    [InlineData(4.0, 0.000000015417257900280018852159673486884048572145253589191167, 1e-18)]
    [InlineData(6.0, 2.1519736712498913116593350399187384630477514061688559e-17, 1e-26)]
    [InlineData(10.0, 2.0884875837625447570007862949577886115608181193211634e-45, 1e-55)]
    public void Erfc_IsAccurateAcrossIntervals(double x, double expected, double tolerance) =>
        Assert.True(Math.Abs(SpecialFunctions.Erfc(x) - expected) <= tolerance, $"erfc({x}) = {SpecialFunctions.Erfc(x):R}");

    [Fact]
    public void TwoSidedP_MatchesFdrPins()
    {
        Assert.Equal(1.0, SpecialFunctions.TwoSidedP(0.0));
        Assert.True(Math.Abs(SpecialFunctions.TwoSidedP(1.959964) - 0.05) < 1e-6);
        Assert.True(Math.Abs(SpecialFunctions.TwoSidedP(3.5) - 4.6520e-4) < 1e-7);
        Assert.Equal(SpecialFunctions.TwoSidedP(2.5), SpecialFunctions.TwoSidedP(-2.5));
    }

    [Fact]
    public void LnGamma_MatchesStatrsExactValues()
    {
        Assert.Equal(0.0, SpecialFunctions.LnGamma(2.0));
        Assert.Equal(80.59047725479209894029636783061921392709972287131139201585211, SpecialFunctions.LnGamma(1.000001e-35));
        Assert.Equal(4.599478872433667224554543378460164306444416156144779542513592, SpecialFunctions.LnGamma(1.000001e-2));
        Assert.True(Math.Abs(SpecialFunctions.LnGamma(1.5) - -0.12078223763524522234551844578164721225185272790259946836386) < 1e-14);
        Assert.True(Math.Abs(SpecialFunctions.LnGamma(0.1) - 2.252712651734205959869701646368495118615627222294953765041739) < 1e-14);
    }

    [Fact]
    public void GammaLr_KnownValues()
    {
        // P(1, x) = 1 − e^−x exactly in closed form.
        Assert.Equal(1 - Math.Exp(-2.0), SpecialFunctions.GammaLr(1.0, 2.0), 14);
        Assert.Equal(1 - Math.Exp(-0.5), SpecialFunctions.GammaLr(1.0, 0.5), 14);
        // P(½, x) = erf(√x); erf(√3) = 0.98569412156457037… (libm erf; statrs' own erf is only good to ~1e-12 here).
        Assert.Equal(0.9856941215645704, SpecialFunctions.GammaLr(0.5, 3.0), 14);
        Assert.Equal(0.0, SpecialFunctions.GammaLr(1.0, 1e-16));
    }

    [Fact]
    public void ChiSquaredPValue_ReferencePins()
    {
        Assert.True(SpecialFunctions.ChiSquaredPValue(100, 1) < 0.001);
        Assert.True(SpecialFunctions.ChiSquaredPValue(0, 1) > 0.99);
        Assert.Equal(1.0, SpecialFunctions.ChiSquaredPValue(0, 3));
        // χ²=4 with 1 dof: p = erfc(√2) ≈ 0.0455.
        Assert.True(Math.Abs(SpecialFunctions.ChiSquaredPValue(4.0, 1) - 0.04550026389635842) < 1e-12);
        // Huge statistics underflow to exactly 0 (confidence then saturates at 1).
        Assert.Equal(0.0, SpecialFunctions.ChiSquaredPValue(5000, 2));
    }
}
