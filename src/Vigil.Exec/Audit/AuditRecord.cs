using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Exec.Audit;

/// <summary>Serialises an event to the line body that <see cref="AuditChain.Link"/> completes.</summary>
internal static class AuditRecord
{
    // A JSONL file is never embedded in HTML, so only JSON's own escapes are needed; argv such as
    // "a+b" stays readable and greppable instead of becoming "a\u002Bb".
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary><c>{"event":…,"ts_unix_ms":…,"request_id":…,…}</c> without the chain fields.</summary>
    public static byte[] SerializeBody(AuditEvent auditEvent, long tsUnixMs)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("event", auditEvent.Name);
            writer.WriteNumber("ts_unix_ms", tsUnixMs);
            writer.WriteString("request_id", auditEvent.RequestId.ToString());
            auditEvent.WriteFields(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
