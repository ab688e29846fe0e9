namespace Vigil.Scanning.Tests.Progress;

/// <summary>A clock that moves only when told; timers fire synchronously inside <see cref="Advance"/>.</summary>
internal sealed class ManualTime : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state, _ticks + dueTime.Ticks, period.Ticks);
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every due timer at each of its due times on the way.</summary>
    public void Advance(TimeSpan by)
    {
        long end = _ticks + by.Ticks;
        while (true)
        {
            ManualTimer? next = _timers.Where(t => !t.Disposed && t.Due <= end).MinBy(t => t.Due);
            if (next is null)
            {
                break;
            }

            _ticks = Math.Max(_ticks, next.Due);
            next.Due = next.Period > 0 ? next.Due + next.Period : long.MaxValue;
            next.Fire();
        }

        _ticks = end;
    }

    private sealed class ManualTimer(ManualTime owner, TimerCallback callback, object? state, long due, long period) : ITimer
    {
        public long Due { get; set; } = due;

        public long Period { get; private set; } = period;

        public bool Disposed { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = owner.GetTimestamp() + dueTime.Ticks;
            Period = period.Ticks;
            return true;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
