using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Vigil.Exec.Policy;

/// <summary>
/// Source-generated TOML metadata for the ACL's untyped model (duplicate keys are an error, depth capped), so the
/// native build reads the ACL without reflection.
/// </summary>
[TomlSourceGenerationOptions(DuplicateKeyHandling = TomlDuplicateKeyHandling.Error, MaxDepth = 64)]
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class AclTomlContext : TomlSerializerContext
{
}
