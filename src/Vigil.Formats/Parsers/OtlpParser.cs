using System.Globalization;
using System.Text.Json;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// OTLP/JSON export requests (reference §5.3.9, extended): traces (<c>resourceSpans</c>, one row per span, with
/// <c>durationNanos</c> = end − start), logs (<c>resourceLogs</c>, one row per log record) and metrics
/// (<c>resourceMetrics</c>, one row per data point). The input is one request document or several (one per line, as
/// OTLP/HTTP file exporters write them). Every row has <c>signal</c> (span/log/metric), <c>resource.&lt;key&gt;</c>,
/// <c>scope.name</c>/<c>scope.version</c> and its attributes under their bare keys; the signal's own fields are
/// written after the attributes and win a name clash. Vigil addition: <c>&lt;time field&gt;_epoch</c> float seconds
/// (<c>startTimeUnixNano_epoch</c> for spans, <c>timeUnixNano_epoch</c> for logs and data points).
/// </summary>
internal sealed class OtlpParser : IDocumentFormatParser
{
    private const string FormatId = "otlp";
    private static readonly string[] MetricKinds = ["gauge", "sum", "histogram", "exponentialHistogram", "summary"];

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["otlp"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> body = SniffText.TrimStart(TextInput.WithoutBom(data));
        if (body.IsEmpty || body[0] != (byte)'{' || !System.Text.Unicode.Utf8.IsValid(body))
        {
            return SniffConfidence.None;
        }

        try
        {
            bool first = true;
            bool claimed = false;
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128, AllowMultipleValues = true });
            while (reader.Read())
            {
                using JsonDocument doc = JsonDocument.ParseValue(ref reader);
                if (first)
                {
                    claimed = SignalArray(doc.RootElement) is not null;
                    first = false;
                }
            }

            return claimed ? SniffConfidence.Strong : SniffConfidence.None;
        }
        catch (JsonException)
        {
            return SniffConfidence.None;
        }
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        var table = new TableBuilder();
        JsonLines.ForEachValue(data, FormatId, (root, line) =>
        {
            if (SignalArray(root) is null)
            {
                throw new FormatParseException(FormatId, "not OTLP: missing 'resourceSpans', 'resourceLogs' or 'resourceMetrics' array", line);
            }

            ReadRequest(table, root);
        });
        return table.Build();
    }

    private static string? SignalArray(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (string name in (ReadOnlySpan<string>)["resourceSpans", "resourceLogs", "resourceMetrics"])
        {
            if (root.TryGetProperty(name, out JsonElement a) && a.ValueKind == JsonValueKind.Array)
            {
                return name;
            }
        }

        return null;
    }

    private static void ReadRequest(TableBuilder table, JsonElement root)
    {
        ForEachScope(table, root, "resourceSpans", "scopeSpans", "spans", span =>
        {
            table.Set("signal", Value.FromString("span"));
            SetAttributes(table, span, "");
            SetString(table, span, "traceId");
            SetString(table, span, "spanId");
            SetString(table, span, "name");
            if (JsonLines.GetString(span, "parentSpanId") is { Length: > 0 } parent)
            {
                table.Set("parentSpanId", Value.FromString(parent));
            }

            SetInt(table, span, "kind");
            long? start = SetInt(table, span, "startTimeUnixNano");
            long? end = SetInt(table, span, "endTimeUnixNano");
            if (start is long s && end is long e)
            {
                long duration = unchecked(e - s);
                if (((e ^ s) & (e ^ duration)) >= 0)
                {
                    table.Set("durationNanos", Value.FromInt(duration));
                }
            }

            SetEpoch(table, "startTimeUnixNano", start);
            if (span.TryGetProperty("status", out JsonElement status) && status.ValueKind == JsonValueKind.Object)
            {
                if (status.TryGetProperty("code", out JsonElement code) && ToInt(code) is long c)
                {
                    table.Set("statusCode", Value.FromInt(c));
                }

                if (JsonLines.GetString(status, "message") is string message)
                {
                    table.Set("statusMessage", Value.FromString(message));
                }
            }
        });
        ForEachScope(table, root, "resourceLogs", "scopeLogs", "logRecords", log =>
        {
            table.Set("signal", Value.FromString("log"));
            SetAttributes(table, log, "");
            long? time = SetInt(table, log, "timeUnixNano");
            SetInt(table, log, "observedTimeUnixNano");
            SetInt(table, log, "severityNumber");
            SetString(table, log, "severityText");
            if (log.TryGetProperty("body", out JsonElement body))
            {
                table.Set("body", AnyValue(body));
            }

            SetString(table, log, "traceId");
            SetString(table, log, "spanId");
            SetInt(table, log, "flags");
            SetString(table, log, "eventName");
            SetEpoch(table, "timeUnixNano", time);
        });
        ForEachMetricPoint(table, root);
    }

    /// <summary>resource → scope → items, one record per item, with resource and scope columns set first.</summary>
    private static void ForEachScope(TableBuilder table, JsonElement root, string resourceKey, string scopeKey, string itemKey, Action<JsonElement> item) =>
        ForEachScopeItem(root, resourceKey, scopeKey, itemKey, (resource, scope, element) =>
        {
            table.BeginRecord();
            SetResourceAndScope(table, resource, scope);
            item(element);
            table.EndRecord();
        });

    private static void ForEachMetricPoint(TableBuilder table, JsonElement root)
    {
        ForEachScopeItem(root, "resourceMetrics", "scopeMetrics", "metrics", (resource, scope, metric) =>
        {
            foreach (string kind in MetricKinds)
            {
                if (!metric.TryGetProperty(kind, out JsonElement data) || data.ValueKind != JsonValueKind.Object
                    || !data.TryGetProperty("dataPoints", out JsonElement points) || points.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (JsonElement point in points.EnumerateArray())
                {
                    if (point.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    table.BeginRecord();
                    SetResourceAndScope(table, resource, scope);
                    table.Set("signal", Value.FromString("metric"));
                    SetAttributes(table, point, "");
                    SetString(table, metric, "name");
                    SetString(table, metric, "unit");
                    table.Set("type", Value.FromString(kind));
                    if (data.TryGetProperty("isMonotonic", out JsonElement mono) && mono.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        table.Set("isMonotonic", Value.FromBool(mono.GetBoolean()));
                    }

                    SetInt(table, data, "aggregationTemporality");
                    if (point.TryGetProperty("asDouble", out JsonElement dbl))
                    {
                        table.Set("value", ToDouble(dbl));
                    }
                    else if (point.TryGetProperty("asInt", out JsonElement integer) && ToInt(integer) is long iv)
                    {
                        table.Set("value", Value.FromInt(iv));
                    }

                    SetInt(table, point, "count");
                    foreach (string stat in (ReadOnlySpan<string>)["sum", "min", "max"])
                    {
                        if (point.TryGetProperty(stat, out JsonElement v))
                        {
                            table.Set(stat, ToDouble(v));
                        }
                    }

                    SetInt(table, point, "startTimeUnixNano");
                    long? time = SetInt(table, point, "timeUnixNano");
                    SetInt(table, point, "flags");
                    SetEpoch(table, "timeUnixNano", time);
                    table.EndRecord();
                }
            }
        });
    }

    private static void ForEachScopeItem(JsonElement root, string resourceKey, string scopeKey, string itemKey, Action<JsonElement, JsonElement, JsonElement> item)
    {
        if (!root.TryGetProperty(resourceKey, out JsonElement resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (JsonElement resource in resources.EnumerateArray())
        {
            if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty(scopeKey, out JsonElement scopes) || scopes.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (JsonElement scope in scopes.EnumerateArray())
            {
                if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(itemKey, out JsonElement items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement element in items.EnumerateArray())
                    {
                        if (element.ValueKind == JsonValueKind.Object)
                        {
                            item(resource, scope, element);
                        }
                    }
                }
            }
        }
    }

    private static void SetResourceAndScope(TableBuilder table, JsonElement resource, JsonElement scope)
    {
        if (resource.TryGetProperty("resource", out JsonElement r))
        {
            SetAttributes(table, r, "resource.");
        }

        if (scope.TryGetProperty("scope", out JsonElement s) && s.ValueKind == JsonValueKind.Object)
        {
            if (JsonLines.GetString(s, "name") is string name)
            {
                table.Set("scope.name", Value.FromString(name));
            }

            if (JsonLines.GetString(s, "version") is string version)
            {
                table.Set("scope.version", Value.FromString(version));
            }
        }
    }

    private static void SetAttributes(TableBuilder table, JsonElement owner, string prefix)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty("attributes", out JsonElement attributes) || attributes.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (JsonElement kv in attributes.EnumerateArray())
        {
            if (JsonLines.GetString(kv, "key") is string key)
            {
                table.Set(prefix + key, kv.TryGetProperty("value", out JsonElement v) ? AnyValue(v) : Value.Null);
            }
        }
    }

    /// <summary>OTLP AnyValue: string/int/double/bool map to cells; array, kvlist and bytes become compact JSON Str; <c>{}</c> → Null.</summary>
    private static Value AnyValue(JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            return Value.Null;
        }

        foreach (JsonProperty p in v.EnumerateObject())
        {
            switch (p.Name)
            {
                case "stringValue":
                    return p.Value.ValueKind == JsonValueKind.String ? Value.FromString(p.Value.GetString()!) : JsonLines.ToValue(p.Value);
                case "intValue":
                    return ToInt(p.Value) is long i ? Value.FromInt(i) : JsonLines.ToValue(p.Value);
                case "doubleValue":
                    return ToDouble(p.Value);
                case "boolValue":
                    return p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? Value.FromBool(p.Value.GetBoolean()) : Value.Null;
                case "arrayValue":
                case "kvlistValue":
                case "bytesValue":
                    return Value.FromString(JsonLines.Canonical(p.Value));
            }
        }

        return Value.Null;
    }

    private static void SetString(TableBuilder table, JsonElement obj, string name)
    {
        if (JsonLines.GetString(obj, name) is string s)
        {
            table.Set(name, Value.FromString(s));
        }
    }

    /// <summary>OTLP/JSON writes 64-bit integers as strings or numbers; either becomes Int.</summary>
    private static long? SetInt(TableBuilder table, JsonElement obj, string name)
    {
        if (obj.TryGetProperty(name, out JsonElement v) && ToInt(v) is long i)
        {
            table.Set(name, Value.FromInt(i));
            return i;
        }

        return null;
    }

    private static void SetEpoch(TableBuilder table, string field, long? nanos)
    {
        if (nanos is long n && n != 0)
        {
            // Split first: a nanosecond count above 2^53 would lose digits in a direct long → double conversion.
            long seconds = Math.DivRem(n, 1_000_000_000L, out long rest);
            table.Set(field + "_epoch", Value.FromFloat(seconds + (rest / 1e9)));
        }
    }

    private static long? ToInt(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out long i) => i,
        JsonValueKind.String when TypeInference.TryParseRustInt(v.GetString(), out long i) => i,
        _ => null,
    };

    private static Value ToDouble(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetDouble(out double d) => Value.FromFiniteOrNull(d),
        JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => Value.FromFiniteOrNull(d),
        _ => Value.Null,
    };
}
