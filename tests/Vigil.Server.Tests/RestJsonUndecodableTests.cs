using System.Text;
using System.Text.Json;
using Vigil.Client.Contract;

namespace Vigil.Server.Tests;

/// <summary>
/// Found by bench/fuzz (request-json): a byte that is not UTF-8 inside a JSON string made the REST decoders throw
/// InvalidOperationException, which the endpoints do not treat as a malformed body (a 500 instead of a 400).
/// </summary>
public sealed class RestJsonUndecodableTests
{
    private static JsonElement Body(string before, string after)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(before), 0xE9, .. Encoding.UTF8.GetBytes(after)];
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    [Fact]
    public void RunBody_WithANonUtf8String_IsAFormatError()
    {
        JsonElement root = Body("{\"argv\":[\"echo\",\"", "\"]}");
        var error = Assert.Throws<FormatException>(() => RestJson.ReadRun(root));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunBody_WithAnEscapedLoneSurrogate_IsAFormatError()
    {
        // Found by the 1M-execution request-json run.
        JsonElement root = JsonDocument.Parse("{\"argv\":[\"echo\",\"\\ud800\"]}").RootElement.Clone();
        Assert.Throws<FormatException>(() => RestJson.ReadRun(root));
    }

    [Fact]
    public void CancelBody_WithANonUtf8String_IsAFormatError()
    {
        JsonElement root = Body("{\"target_machine_id\":\"", "\"}");
        Assert.Throws<FormatException>(() => RestJson.ReadCancel(root));
    }
}
