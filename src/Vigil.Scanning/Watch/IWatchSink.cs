namespace Vigil.Scanning.Watch;

/// <summary>Where the watch loop delivers scored rows (an alert writer keeps only alerts; a score writer keeps all).</summary>
internal interface IWatchSink
{
    void Accept(in WatchEvent e);

    /// <summary>Pushes buffered output out (called at the end of each input batch and before a checkpoint).</summary>
    void Flush();
}
