using Vigil.Detection.Statistics;

namespace Vigil.Detection.Tests;

public sealed class BenjaminiHochbergTests
{
    [Fact]
    public void NoRejection() => Assert.Null(BenjaminiHochberg.Cutoff([0.40, 0.55, 0.70, 0.85, 0.99], 0.05));

    [Fact]
    public void OneRejection() => Assert.Equal(0.0001, BenjaminiHochberg.Cutoff([0.0001, 0.40, 0.55, 0.70, 0.99], 0.05));

    [Fact]
    public void StepUp_TakesTheLastQualifyingRank() => Assert.Equal(0.012, BenjaminiHochberg.Cutoff([0.40, 0.011, 0.30, 0.009, 0.012], 0.05));

    [Fact]
    public void Empty_IsNone() => Assert.Null(BenjaminiHochberg.Cutoff([], 0.05));

    [Fact]
    public void StepUp_RescuesAnEarlierFailure()
    {
        // Rank 1 fails its own bound (0.03 > 0.025) but rank 2 passes (0.04 ≤ 0.05), so both are rejected.
        Assert.Equal(0.04, BenjaminiHochberg.Cutoff([0.04, 0.03], 0.05));
    }

    [Fact]
    public void BoundIsInclusive()
    {
        // §4.0: keep p₍k₎ ≤ (k/m)·q. Here (2/2)·0.04 = 0.04 and (1/1)·0.05 = 0.05 exactly, so equality rejects.
        Assert.Equal(0.04, BenjaminiHochberg.Cutoff([0.04, 0.04], 0.04));
        Assert.Equal(0.05, BenjaminiHochberg.Cutoff([0.05], 0.05));
        Assert.Null(BenjaminiHochberg.Cutoff([Math.BitIncrement(0.05)], 0.05));
    }
}
