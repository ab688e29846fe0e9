using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Vigil.Formats.Parsers;

/// <summary>Source-generated TOML metadata for the untyped model, so the native (AOT) build parses without reflection.</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext
{
}
