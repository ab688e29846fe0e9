using System.Text;
using Vigil.Exec.Runner;

namespace Vigil.Exec.Tests.Runner;

/// <summary>Shared helpers for runner tests: fast timings, generous limits, event collection, process-table checks.</summary>
internal static class RunnerFixture
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

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
        using var timeout = new CancellationTokenSource(Patience);
        await foreach (RunEvent e in run.Events.ReadAllAsync(timeout.Token))
        {
            events.Add(e);
            onEvent?.Invoke(e);
        }

        RunResult result = await run.Completion.WaitAsync(Patience);
        return new Collected(events, result);
    }

    /// <summary>True while a process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/stat");
        }
        catch (IOException)
        {
            return false;
        }

        int close = stat.LastIndexOf(')');
        return close < 0 || stat[close + 2] != 'Z';
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail("timed out waiting for " + what);
            }

            await Task.Delay(20);
        }
    }

    public sealed record Collected(List<RunEvent> Events, RunResult Result)
    {
        public byte[] Bytes(OutputStream stream) =>
            Events.OfType<RunOutput>().Where(o => o.Stream == stream).OrderBy(o => o.Seq).SelectMany(o => o.Data).ToArray();

        public string Text(OutputStream stream) => Encoding.UTF8.GetString(Bytes(stream));

        public List<RunWarning> Warnings => Events.OfType<RunWarning>().ToList();
    }
}
