using Vigil.Core.Columns;

namespace Vigil.Scanning;

/// <summary>The loaded, scoped inputs of a scan or explain run.</summary>
/// <param name="Current">The scanned corpus after <c>--columns</c>/<c>--exclude</c>.</param>
/// <param name="Baseline">The baseline corpus in compare mode, else null.</param>
/// <param name="BytesRead">Bytes of the current input.</param>
public sealed record LoadedInputs(RecordSet Current, RecordSet? Baseline, long BytesRead);
