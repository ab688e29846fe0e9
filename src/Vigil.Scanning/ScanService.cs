using System.Diagnostics;
using Vigil.Core.Columns;
using Vigil.Core.Envelope;
using Vigil.Detection;
using Vigil.Detection.Configuration;
using Vigil.Formats.Input;
using Vigil.Scanning.Loading;
using Vigil.Scanning.Progress;
using Vigil.Scanning.Requests;

namespace Vigil.Scanning;

/// <summary>
/// <see cref="ScanRequest"/> → <see cref="ScanReport"/>, in the contract's error order (reference §1.5 step 4):
/// read input → normalize → scope current → read/normalize/scope baseline; then config overrides → detect. Every
/// failure a user can cause is a <see cref="ScanError"/> with the contract's one-line text.
/// </summary>
public static class ScanService
{
    /// <summary>Runs one scan.</summary>
    /// <param name="request">What to scan and how.</param>
    /// <param name="progress">Counters to update for a progress display, or null.</param>
    public static ScanReport Run(ScanRequest request, ScanProgress? progress = null)
    {
        long started = Stopwatch.GetTimestamp();
        LoadedInputs inputs = Load(request, progress);
        progress?.Enter(ScanPhase.Detecting);
        (DetectConfig config, DetectionReport report) = Detect(inputs, request);
        ScanEnvelope envelope = EnvelopeBuilder.Build(inputs.Current, config.ConfigVersion(), request.Baseline, report.Findings, report.Absences, request.Scope);
        return new ScanReport(envelope, inputs.Current, inputs.BytesRead, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Reads, normalizes and scopes the current input and the baseline (what <c>explain</c> needs too).</summary>
    public static LoadedInputs Load(ScanRequest request, ScanProgress? progress = null)
    {
        progress?.Enter(ScanPhase.Reading);
        InputSource input = InputReader.Open(request.Input);
        progress?.Track(input);
        progress?.Enter(ScanPhase.Parsing);
        RecordSet current = CorpusLoader.Scope(CorpusLoader.Normalize(input, request.InputFormat), request.Columns, strict: true);
        progress?.SetRows(current.Rows);
        RecordSet? baseline = null;
        if (request.Baseline is string b)
        {
            // The baseline is resolved by its own name and content; --input-format applies to the main input only.
            baseline = CorpusLoader.Scope(CorpusLoader.Normalize(InputReader.OpenFile(b), null), request.Columns, strict: false);
        }

        return new LoadedInputs(current, baseline, input.BytesRead);
    }

    /// <summary>Builds the detector config (after loading, so input errors come first) and runs every detector.</summary>
    public static (DetectConfig Config, DetectionReport Report) Detect(LoadedInputs inputs, ScanRequest request)
    {
        DetectConfig config = request.Detect.BuildConfig();
        return (config, DetectionEngine.Run(inputs.Current, inputs.Baseline, config));
    }
}
