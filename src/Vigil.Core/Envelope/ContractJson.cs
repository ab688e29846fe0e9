using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;
using Vigil.Core.Values;

namespace Vigil.Core.Envelope;

/// <summary>JSON forms of contract types used by <c>explain</c> (reference §1.7, §2.1).</summary>
internal static class ContractJson
{
    /// <summary>Adjacently tagged value: <c>{"t":"null"}</c>, <c>{"t":"int","v":5}</c>, <c>{"t":"float","v":1.5}</c>, ….</summary>
    public static void WriteValue(JsonWriter w, Value value)
    {
        w.BeginObject();
        switch (value.Kind)
        {
            case ValueKind.Null:
                w.Property("t", "null");
                break;
            case ValueKind.Bool:
                w.Property("t", "bool");
                w.Property("v", value.AsBool);
                break;
            case ValueKind.Int:
                w.Property("t", "int");
                w.Property("v", value.AsInt);
                break;
            case ValueKind.Float:
                w.Property("t", "float");
                w.PropertyFloat("v", value.AsFloat);
                break;
            default:
                w.Property("t", "str");
                w.Property("v", value.AsString);
                break;
        }

        w.EndObject();
    }

    /// <summary>The handle object: <c>{"kind":"cell","column":..,"row":..}</c>, <c>{"kind":"column","name":..}</c>, ….</summary>
    public static void WriteHandle(JsonWriter w, Handle handle)
    {
        w.BeginObject();
        switch (handle.Kind)
        {
            case HandleKind.Column:
                w.Property("kind", "column");
                w.Property("name", handle.Column);
                break;
            case HandleKind.Cell:
                w.Property("kind", "cell");
                w.Property("column", handle.Column);
                w.Property("row", handle.Row);
                break;
            case HandleKind.Range:
                w.Property("kind", "range");
                w.Property("column", handle.Column);
                w.Property("start", handle.Start);
                w.Property("end", handle.End);
                break;
            case HandleKind.Dist:
                w.Property("kind", "dist");
                w.Property("column", handle.Column);
                break;
            default:
                w.Property("kind", "row");
                w.Property("row", handle.Row);
                break;
        }

        w.EndObject();
    }

    /// <summary>A finding with fields detector, class, handle, confidence, severity, score, reason[, col_type].</summary>
    public static void WriteFinding(JsonWriter w, Finding f)
    {
        w.BeginObject();
        w.Property("detector", f.Detector);
        w.Property("class", f.Class.ToToken());
        w.PropertyName("handle");
        WriteHandle(w, f.Handle);
        w.PropertyFloat("confidence", f.Confidence);
        w.Property("severity", f.Severity.ToToken());
        w.PropertyFloat("score", f.Score);
        w.Property("reason", f.Reason);
        if (f.ColType is Columns.ColumnType t)
        {
            w.Property("col_type", Columns.ColumnTypes.ToToken(t));
        }

        w.EndObject();
    }
}
