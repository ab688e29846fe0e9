using Vigil.Core.Columns;
using Vigil.Detection;
using Vigil.Detection.Configuration;

namespace Vigil.Cli.Scan;

/// <summary>The loaded inputs of a scan or explain run.</summary>
internal sealed record LoadedInputs(RecordSet Current, RecordSet? Baseline);

/// <summary>
/// The scan pipeline in the contract's error order (reference §1.5 step 4): read input → normalize → scope current →
/// read/normalize/scope baseline; then (after any handle resolution) config overrides → detect.
/// </summary>
internal static class ScanPipeline
{
    public static LoadedInputs Load(string source, ScanFlags flags, Func<Stream> stdin)
    {
        RecordSet current = CorpusLoader.Scope(CorpusLoader.Normalize(InputReader.Open(source, stdin), flags.InputFormat), flags, strict: true);
        RecordSet? baseline = null;
        if (flags.Baseline is string b)
        {
            // The baseline is resolved by its own name and content; --input-format applies to the main input only.
            baseline = CorpusLoader.Scope(CorpusLoader.Normalize(InputReader.OpenFile(b), null), flags, strict: false);
        }

        return new LoadedInputs(current, baseline);
    }

    public static (DetectConfig Config, DetectionReport Report) Detect(LoadedInputs inputs, ScanFlags flags)
    {
        DetectConfig config = flags.BuildConfig();
        return (config, DetectionEngine.Run(inputs.Current, inputs.Baseline, config));
    }
}
