using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;

namespace Vigil.Core.Envelope;

/// <summary>The <c>explain</c> output (reference §1.7): the handle, its evidence, and the findings that carry it.</summary>
public static class ExplainDocument
{
    /// <summary>
    /// Compact JSON + <c>\n</c>: <c>{"protocol","handle","evidence","findings"}</c>. <paramref name="handle"/> must
    /// resolve against <paramref name="corpus"/>; findings whose handle is structurally equal are kept in
    /// emission order (not envelope-sorted).
    /// </summary>
    public static string Build(RecordSet corpus, string rawHandle, Handle handle, IReadOnlyList<Finding> findings)
    {
        if (!HandleResolver.Resolves(corpus, handle))
        {
            throw new ArgumentException("handle does not resolve against this corpus: " + handle, nameof(handle));
        }

        var w = new JsonWriter(pretty: false);
        w.BeginObject();
        w.Property("protocol", Tq1.Protocol);
        w.Property("handle", rawHandle);
        w.PropertyName("evidence");
        WriteEvidence(w, corpus, handle);
        w.PropertyName("findings");
        w.BeginArray();
        foreach (Finding f in findings)
        {
            if (f.Handle == handle)
            {
                ContractJson.WriteFinding(w, f);
            }
        }

        w.EndArray();
        w.EndObject();
        w.Newline();
        return w.ToString();
    }

    private static void WriteEvidence(JsonWriter w, RecordSet corpus, Handle handle)
    {
        w.BeginObject();
        switch (handle.Kind)
        {
            case HandleKind.Column or HandleKind.Dist:
                {
                    Column c = corpus.Find(handle.Column)!;
                    w.Property("kind", "column");
                    w.Property("column", c.Name);
                    w.Property("type", c.Type.ToToken());
                    w.Property("len", c.Length);
                    w.Property("nulls", c.NullCount);
                    break;
                }

            case HandleKind.Cell:
                {
                    Column c = corpus.Find(handle.Column)!;
                    w.Property("kind", "cell");
                    w.Property("column", c.Name);
                    w.Property("row", handle.Row);
                    w.PropertyName("value");
                    ContractJson.WriteValue(w, c[(int)handle.Row]);
                    w.Property("column_type", c.Type.ToToken());
                    break;
                }

            case HandleKind.Range:
                {
                    Column c = corpus.Find(handle.Column)!;
                    w.Property("kind", "range");
                    w.Property("column", c.Name);
                    w.Property("start", handle.Start);
                    w.Property("end", handle.End);
                    w.PropertyName("values");
                    w.BeginArray();
                    for (long r = handle.Start; r < handle.End; r++)
                    {
                        ContractJson.WriteValue(w, c[(int)r]);
                    }

                    w.EndArray();
                    break;
                }

            default:
                {
                    w.Property("kind", "row");
                    w.Property("row", handle.Row);
                    w.PropertyName("cells");
                    w.BeginObject();
                    // A repeated column name keeps its first position and its last value (a map insert).
                    var order = new List<string>();
                    var last = new Dictionary<string, Column>(StringComparer.Ordinal);
                    foreach (Column c in corpus.Columns)
                    {
                        if (!last.ContainsKey(c.Name))
                        {
                            order.Add(c.Name);
                        }

                        last[c.Name] = c;
                    }

                    foreach (string name in order)
                    {
                        w.PropertyName(name);
                        ContractJson.WriteValue(w, last[name][(int)handle.Row]);
                    }

                    w.EndObject();
                    break;
                }
        }

        w.EndObject();
    }
}
