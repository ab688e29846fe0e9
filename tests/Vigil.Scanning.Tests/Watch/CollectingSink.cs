using Vigil.Scanning.Watch;

namespace Vigil.Scanning.Tests.Watch;

/// <summary>Keeps every scored row, in delivery order.</summary>
internal sealed class CollectingSink : IWatchSink
{
    public List<WatchEvent> Events { get; } = [];

    public IEnumerable<WatchEvent> Alerts => Events.Where(e => e.Score.Alert);

    public void Accept(in WatchEvent e) => Events.Add(e);

    public void Flush()
    {
    }
}
