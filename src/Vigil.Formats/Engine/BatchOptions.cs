namespace Vigil.Formats.Engine;

/// <summary>
/// How a reader cuts its input into batches. Zero means the default. Batch boundaries never change the result: tests
/// force <see cref="MaxRows"/> 1 and 7 to prove it.
/// </summary>
/// <param name="MaxRows">At most this many lines (line formats) or records per batch; 0 = no row limit.</param>
/// <param name="MaxBytes">Target input bytes per batch (a longer record still makes one batch).</param>
/// <param name="Parallelism">Chunks parsed at once; 0 = one per core, 1 = sequential.</param>
public readonly record struct BatchOptions(int MaxRows = 0, int MaxBytes = 0, int Parallelism = 0)
{
    /// <summary>Default bytes per batch: big enough to amortise a task, small enough to keep a few in flight.</summary>
#if DEBUG
    // Tiny chunks in DEBUG builds, so every test crosses chunk boundaries.
    public const int DefaultBytes = 61;
#else
    public const int DefaultBytes = 1 << 20;
#endif

    public int EffectiveBytes => MaxBytes > 0 ? MaxBytes : DefaultBytes;

    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;
}
