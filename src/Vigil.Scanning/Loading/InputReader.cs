using Vigil.Formats.Input;
using Vigil.Scanning.Requests;

namespace Vigil.Scanning.Loading;

/// <summary>Opens an input (a file, or stdin for <c>-</c>) with IO failures turned into <c>io error: …</c>; nothing is read yet.</summary>
internal static class InputReader
{
    /// <summary>Opens stdin when the input is <c>-</c>, else the file.</summary>
    public static InputSource Open(ScanInput input)
    {
        try
        {
            return input.IsStdin ? InputSource.Open(ScanInput.StdinName, input.OpenStdin) : InputSource.OpenFile(input.Source);
        }
        catch (InputException e)
        {
            throw new ScanError(e.Message);
        }
    }

    /// <summary>Opens a file (the baseline is always a file, even when named <c>-</c>).</summary>
    public static InputSource OpenFile(string path)
    {
        try
        {
            return InputSource.OpenFile(path);
        }
        catch (InputException e)
        {
            throw new ScanError(e.Message);
        }
    }
}
