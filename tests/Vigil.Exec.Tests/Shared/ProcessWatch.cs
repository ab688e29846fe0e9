using System.Globalization;
using System.Text;
using Vigil.Exec.Runner;

namespace Vigil.Exec.Tests.Shared;

/// <summary>
/// Waiting on real conditions and reading collected run events, shared by the runner tests and (as a linked
/// source file) the server tests.
/// </summary>
internal static class ProcessWatch
{
    /// <summary>The generous upper bound every wait in these tests gets; never a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>True while a process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
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

    /// <summary>The forwarded bytes of one stream, in <c>seq</c> order.</summary>
    public static byte[] OutputBytes(this IEnumerable<RunEvent> events, OutputStream stream) =>
        events.OfType<RunOutput>().Where(o => o.Stream == stream).OrderBy(o => o.Seq).SelectMany(o => o.Data).ToArray();

    public static string OutputText(this IEnumerable<RunEvent> events, OutputStream stream) =>
        Encoding.UTF8.GetString(events.OutputBytes(stream));
}
