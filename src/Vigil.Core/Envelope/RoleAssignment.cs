using Vigil.Core.Roles;

namespace Vigil.Core.Envelope;

/// <summary>One entry of the envelope's <c>roles</c> array.</summary>
public readonly record struct RoleAssignment(string Column, ColumnRole Role);
