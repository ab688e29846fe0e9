using System.Text.Json;

namespace Vigil.Formats.Json;

/// <summary>
/// A value the JSON reader accepted but no cell can hold (a number beyond f64 inside a nested value). It derives from
/// <see cref="JsonException"/> so it is reported like a reader failure, and has its own type so callers can let a
/// syntax error elsewhere in the same record take precedence, as whole-document parsing did.
/// </summary>
internal sealed class JsonValueException(string message) : JsonException(message);
