namespace Vigil.Exec.Sessions;

/// <summary>What a control call asks for; part of the signed bytes so a proof for one cannot be used for another.</summary>
public enum ControlVerb : byte
{
    Cancel = 1,
    Sessions = 2,
    Diagnostics = 3,
}
