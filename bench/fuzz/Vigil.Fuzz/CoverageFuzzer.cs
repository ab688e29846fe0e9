using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BranchTrace = SharpFuzz.Common.Trace;

namespace Vigil.Fuzz;

/// <summary>
/// An in-process coverage-guided fuzzer over SharpFuzz's instrumentation: the instrumented Vigil assemblies count
/// branch pairs into a 64 KiB map (AFL's edge coverage); an input that reaches a new edge or a new hit-count bucket
/// joins the corpus. Each input is copied to a memory-mapped file before it runs, so a crash that kills the process
/// (a stack overflow cannot be caught) still leaves the input behind for <c>run.sh</c> to keep.
/// </summary>
internal sealed unsafe class CoverageFuzzer : IDisposable
{
    private const int MapSize = 1 << 16;
    private const int MaxCorpus = 20_000;

    private static readonly byte[] Buckets = BuildBuckets();

    // Instrumented code writes here from its first branch on, so the map exists before any Vigil code runs and
    // for the life of the process.
    private static readonly byte* Map = Install();

    private readonly byte* _map = Map;
    private readonly byte[] _virgin = new byte[MapSize];
    private readonly MemoryMappedFile _currentFile;
    private readonly MemoryMappedViewAccessor _current;
    private readonly int _maxLength;

    public CoverageFuzzer(string currentInputPath, int maxLength)
    {
        _maxLength = maxLength;
        _currentFile = MemoryMappedFile.CreateFromFile(currentInputPath, FileMode.Create, null, maxLength + 4);
        _current = _currentFile.CreateViewAccessor();
    }

    public FuzzReport Run(FuzzTarget target, long executions, int seed, string findings, TimeSpan slowLimit)
    {
        var random = new Random(seed);
        var corpus = new List<byte[]>();
        var mutator = new Mutator(random, target.Tokens, _maxLength);
        var crashes = new Dictionary<string, string>(StringComparer.Ordinal);
        int slow = 0;
        long done = 0;
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(findings);

        foreach (byte[] s in target.Seeds())
        {
            Execute(s);
            corpus.Add(s);
        }

        string progress = Path.Combine(Path.GetDirectoryName(findings)!, "progress");
        while (done < executions)
        {
            byte[] input = mutator.Mutate(corpus[random.Next(corpus.Count)], corpus);
            if (Execute(input) && corpus.Count < MaxCorpus)
            {
                corpus.Add(input);
            }

            if (done % 10_000 == 0)
            {
                // A long run can be read (or cut short) at any time: the totals so far, one line.
                File.WriteAllText(progress, new FuzzReport(target.Name, done, corpus.Count, Edges(), crashes.Count, slow, clock.Elapsed).ToLine() + "\n");
            }
        }

        return new FuzzReport(target.Name, done, corpus.Count, Edges(), crashes.Count, slow, clock.Elapsed);

        bool Execute(byte[] input)
        {
            _current.Write(0, input.Length);
            _current.WriteArray(4, input, 0, Math.Min(input.Length, _maxLength));
            NativeMemory.Clear(_map, MapSize);
            BranchTrace.PrevLocation = 0;
            long started = Stopwatch.GetTimestamp();
            try
            {
                target.Run(input);
            }
            catch (Exception ex) when (!target.IsExpected(ex))
            {
                string signature = ex.GetType().FullName + " @ " + TopFrame(ex);
                if (!crashes.ContainsKey(signature))
                {
                    string name = "crash-" + Convert.ToHexStringLower(SHA256.HashData(input))[..16];
                    File.WriteAllBytes(Path.Combine(findings, name + ".bin"), input);
                    File.WriteAllText(Path.Combine(findings, name + ".txt"), target.Name + "\n" + ex + "\n");
                    crashes[signature] = name;
                }
            }
            catch (Exception)
            {
                // A clean, expected refusal: the product prints it as a one-line error.
            }

            done++;
            if (Stopwatch.GetElapsedTime(started) > slowLimit)
            {
                slow++;
                File.WriteAllBytes(Path.Combine(findings, "slow-" + Convert.ToHexStringLower(SHA256.HashData(input))[..16] + ".bin"), input);
            }

            return HasNewCoverage();
        }
    }

    public void Dispose()
    {
        _current.Dispose();
        _currentFile.Dispose();
    }

    /// <summary>Sets up the coverage map; call before anything instrumented runs.</summary>
    public static void EnsureMap() => _ = Map;

    private static byte* Install()
    {
        byte* map = (byte*)NativeMemory.AllocZeroed(MapSize);
        BranchTrace.SharedMem = map;
        return map;
    }

    private static string TopFrame(Exception ex)
    {
        string? frame = ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Vigil.", StringComparison.Ordinal))?.Trim();
        return frame ?? ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "?";
    }

    private bool HasNewCoverage()
    {
        bool found = false;
        ulong* words = (ulong*)_map;
        for (int w = 0; w < MapSize / 8; w++)
        {
            if (words[w] == 0)
            {
                continue;
            }

            for (int b = w * 8; b < (w * 8) + 8; b++)
            {
                byte hits = _map[b];
                if (hits != 0)
                {
                    byte bucket = Buckets[hits];
                    if ((_virgin[b] & bucket) != bucket)
                    {
                        _virgin[b] |= bucket;
                        found = true;
                    }
                }
            }
        }

        return found;
    }

    private int Edges()
    {
        int edges = 0;
        foreach (byte b in _virgin)
        {
            edges += b != 0 ? 1 : 0;
        }

        return edges;
    }

    /// <summary>AFL's hit-count classes: 1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+.</summary>
    private static byte[] BuildBuckets()
    {
        byte[] buckets = new byte[256];
        for (int i = 1; i < 256; i++)
        {
            buckets[i] = i switch
            {
                1 => 1,
                2 => 2,
                3 => 4,
                < 8 => 8,
                < 16 => 16,
                < 32 => 32,
                < 128 => 64,
                _ => 128,
            };
        }

        return buckets;
    }
}

/// <summary>One target's totals.</summary>
internal sealed record FuzzReport(string Target, long Executions, int Corpus, int Edges, int Crashes, int Slow, TimeSpan Elapsed)
{
    public string ToLine() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Target,-22} execs={Executions} corpus={Corpus} edges={Edges} crashes={Crashes} slow={Slow} seconds={Elapsed.TotalSeconds:F1} execs/s={Executions / Math.Max(Elapsed.TotalSeconds, 0.001):F0}");
}
