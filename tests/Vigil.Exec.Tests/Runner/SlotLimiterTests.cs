using Vigil.Exec.Runner;

namespace Vigil.Exec.Tests.Runner;

public sealed class SlotLimiterTests
{
    [Fact]
    public void PerAgentCap_BlocksThirdWhenCapIsTwo()
    {
        var slots = new SlotLimiter(maxTotal: 10, maxPerAgent: 2);
        Assert.True(slots.TryAcquire("a", out _));
        Assert.True(slots.TryAcquire("a", out _));
        Assert.False(slots.TryAcquire("a", out SlotLimiter.SlotLease? none));
        Assert.Null(none);
        Assert.True(slots.TryAcquire("b", out _));
        Assert.Equal(3, slots.Total);
    }

    [Fact]
    public void TotalCap_BlocksOtherAgents()
    {
        var slots = new SlotLimiter(maxTotal: 1, maxPerAgent: 4);
        Assert.True(slots.TryAcquire("a", out SlotLimiter.SlotLease? lease));
        Assert.False(slots.TryAcquire("b", out _));
        lease!.Dispose();
        Assert.True(slots.TryAcquire("b", out _));
    }

    [Fact]
    public void Release_IsIdempotentAndRemovesEmptyAgents()
    {
        var slots = new SlotLimiter(maxTotal: 1, maxPerAgent: 1);
        Assert.True(slots.TryAcquire("a", out SlotLimiter.SlotLease? lease));
        lease!.Dispose();
        lease.Dispose();
        Assert.Equal(0, slots.Total);
        Assert.Equal(0, slots.CountFor("a"));
        Assert.Empty(slots.Snapshot());
        Assert.True(slots.TryAcquire("a", out _));
    }

    [Fact]
    public void DisposingOneLeaseTwice_ReleasesOnlyItsOwnSlot()
    {
        // With one lease the limiter's own floor hides a double release; a second live lease of the same agent
        // (and another agent's) must keep their slots.
        var slots = new SlotLimiter(maxTotal: 3, maxPerAgent: 2);
        Assert.True(slots.TryAcquire("a", out SlotLimiter.SlotLease? first));
        Assert.True(slots.TryAcquire("a", out _));
        Assert.True(slots.TryAcquire("b", out _));

        first!.Dispose();
        first.Dispose();
        Assert.Equal(1, slots.CountFor("a"));
        Assert.Equal(1, slots.CountFor("b"));
        Assert.Equal(2, slots.Total);

        // The agent still holds one slot, so it may take exactly one more.
        Assert.True(slots.TryAcquire("a", out _));
        Assert.False(slots.TryAcquire("a", out _));
    }

    [Fact]
    public async Task ConcurrentAcquireRelease_NeverExceedsCapsAndEndsAtZero()
    {
        var slots = new SlotLimiter(maxTotal: 3, maxPerAgent: 2);
        int violations = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            string agent = "agent" + (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (int n = 0; n < 2000; n++)
            {
                if (slots.TryAcquire(agent, out SlotLimiter.SlotLease? lease))
                {
                    if (slots.Total > 3 || slots.CountFor(agent) > 2)
                    {
                        Interlocked.Increment(ref violations);
                    }

                    lease!.Dispose();
                }
            }
        })));
        Assert.Equal(0, violations);
        Assert.Equal(0, slots.Total);
    }
}
