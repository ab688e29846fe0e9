using System.Globalization;
using Vigil.Fuzz;

// vigil-fuzz list | vigil-fuzz TARGET|all [--execs N] [--samples DIR] [--out DIR] [--seed S] [--max-len BYTES]
// Prints one line per target: name, executions, corpus, edges, crashes, slow inputs, seconds, executions/s.
CoverageFuzzer.EnsureMap();
string samples = Option("--samples") ?? Path.Combine("..", "shared", "data", "real-samples");
IReadOnlyList<FuzzTarget> targets = Targets.All(samples);
if (args.Length == 0 || args[0] == "list")
{
    foreach (FuzzTarget t in targets)
    {
        Console.WriteLine(t.Name);
    }

    return 0;
}

long executions = long.Parse(Option("--execs") ?? "100000", CultureInfo.InvariantCulture);
int seed = int.Parse(Option("--seed") ?? "14", CultureInfo.InvariantCulture);
int maxLength = int.Parse(Option("--max-len") ?? "65536", CultureInfo.InvariantCulture);
string output = Option("--out") ?? Path.Combine("bench", "fuzz", "work");
IEnumerable<FuzzTarget> chosen = args[0] == "all" ? targets : targets.Where(t => t.Name == args[0]);
if (!chosen.Any())
{
    Console.Error.WriteLine($"vigil-fuzz: no target named {args[0]} (try 'list')");
    return 2;
}

int found = 0;
foreach (FuzzTarget target in chosen)
{
    string dir = Path.Combine(output, target.Name.Replace(':', '-'));
    Directory.CreateDirectory(dir);
    using var fuzzer = new CoverageFuzzer(Path.Combine(dir, "current-input"), maxLength);
    // Slow means seconds of wall time for one input: on a loaded machine raise it, or read the slow-* files as hints.
    FuzzReport r = fuzzer.Run(target, executions, seed, Path.Combine(dir, "findings"), TimeSpan.FromSeconds(10));
    found += r.Crashes;
    Console.WriteLine(r.ToLine());
}

return found == 0 ? 0 : 1;

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
