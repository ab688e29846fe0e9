using Vigil.Exec.Runner;
using Vigil.Exec.Tests.Shared;

namespace Vigil.Exec.Tests.Runner;

/// <summary>Shared helpers for runner tests: fast timings, generous limits, event collection.</summary>
internal static class RunnerFixture
{
    public static RunTimings Fast { get; } = new(
        CancelGrace: TimeSpan.FromMilliseconds(400),
        TermLead: TimeSpan.FromMilliseconds(500),
        AbandonPipesAfter: TimeSpan.FromSeconds(2),
        TailBytes: 4096);

    public static RunLimits Limits(long cap = 1 << 20, long warn = 0, double durationSecs = 30, double warnDurationSecs = 60) =>
        new(cap, cap, warn, warn, TimeSpan.FromSeconds(durationSecs), TimeSpan.FromSeconds(warnDurationSecs));

    public static CommandRun Start(RunLimits limits, params string[] argv) => Start(limits, ReadOnlyMemory<byte>.Empty, argv);

    public static CommandRun Start(RunLimits limits, ReadOnlyMemory<byte> stdin, params string[] argv)
    {
        StartOutcome outcome = CommandRun.Start(new RunRequest(argv, stdin, null, null, limits), Fast);
        Assert.Null(outcome.Denial);
        return outcome.Run!;
    }

    public static async Task<Collected> CollectAsync(CommandRun run, Action<RunEvent>? onEvent = null)
    {
        var events = new List<RunEvent>();
        using var timeout = new CancellationTokenSource(ProcessWatch.Patience);
        await foreach (RunEvent e in run.Events.ReadAllAsync(timeout.Token))
        {
            events.Add(e);
            onEvent?.Invoke(e);
        }

        RunResult result = await run.Completion.WaitAsync(ProcessWatch.Patience);
        return new Collected(events, result);
    }

    public sealed record Collected(List<RunEvent> Events, RunResult Result)
    {
        public byte[] Bytes(OutputStream stream) => Events.OutputBytes(stream);

        public string Text(OutputStream stream) => Events.OutputText(stream);

        public List<RunWarning> Warnings => Events.OfType<RunWarning>().ToList();
    }
}
