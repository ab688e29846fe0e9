using Vigil.Exec.Audit;
using Vigil.Exec.Identity;

namespace Vigil.Exec.Tests.Audit;

/// <summary>Events and logs shared by the audit tests.</summary>
internal static class AuditTestData
{
    public const long Epoch = 1_767_225_600_000;

    public static readonly AgentId Agent = AgentId.Parse(new string('a', 64));
    public static readonly MachineId Machine = MachineId.Parse(new string('b', 64));

    public static RequestId Id(int n) => new(0, (ulong)n);

    public static AuditEvent Request(int n) =>
        new AuditRequestEvent(Id(n), Agent, Machine, ["/bin/echo", $"event-{n}"], "test entry", 0, 5000);

    /// <summary>Writes <paramref name="count"/> request events to a fresh log and returns its lines.</summary>
    public static async Task<List<byte[]>> WriteLogAsync(string path, int count, TimeProvider time)
    {
        await using (var log = new AuditLog(path, time))
        {
            for (int i = 0; i < count; i++)
            {
                await log.AppendAsync(Request(i));
            }
        }

        return SplitLines(File.ReadAllBytes(path));
    }

    public static List<byte[]> SplitLines(byte[] content)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n')
            {
                lines.Add(content[start..i]);
                start = i + 1;
            }
        }

        Assert.Equal(content.Length, start);
        return lines;
    }

    public static void WriteLines(string path, IEnumerable<byte[]> lines)
    {
        using var stream = File.Create(path);
        foreach (byte[] line in lines)
        {
            stream.Write(line);
            stream.WriteByte((byte)'\n');
        }
    }
}
