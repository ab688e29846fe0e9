using System.Globalization;
using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Values;
using Vigil.Formats.Engine;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

/// <summary>
/// The JSON-family parsers give the same columns (names, order, kinds, values, string dictionaries, role hints)
/// whatever the batch size and thread count; an error names the same line. Run in Debug too: the readers then refill
/// a few bytes at a time, so records and UTF-8 sequences straddle every buffer boundary.
/// </summary>
public sealed class JsonBatchBoundaryTests
{
    private const string Sparse =
        "{\"b\":1,\"a\":\"x\"}\n\n  \n{\"c\":{\"d\":[1,2.5,{\"e\":null}]},\"a\":\"\\u00e9\\n\",\"a\":\"caf\u00e9 \u4e2d\"}\r\n"
        + "[1,2]\n\"text\"\n{\"k\\u0041y\":\"\\ud83d\\ude00\"}\n{\"late\":true,\"b\":-9223372036854775808}\n";

    private const string Eve =
        "{\"timestamp\":\"2026-01-02T03:04:05.123456+0000\",\"event_type\":\"alert\",\"alert\":{\"signature_id\":2001,\"meta\":{\"d\":{\"e\":1}}},\"arr\":[1,{\"a\":2}]}\n"
        + "{\"timestamp\":\"bad\",\"event_type\":\"flow\",\"flow\":{\"pkts\":1,\"bytes\":2.5}}\n\n"
        + "{\"timestamp\":5,\"event_type\":\"dns\",\"timestamp\":\"2026-01-02T03:04:05+01:00\",\"x\":{},\"n\":1e400,\"s\":\"\\u00e9\"}\n"
        + "{\"timestamp\":\"2026-01-02T03:04:06Z\",\"event_type\":\"alert\",\"alert\":{\"signature_id\":\"2002\",\"category\":\"late \u00e9\"}}\n";

    private const string CloudTrail =
        "\uFEFF{\"Other\":{\"skip\":[1,{\"Records\":2}]},\n\"Records\":[\n"
        + "  {\"eventName\":\"Get\",\"eventTime\":\"2026-01-02T03:04:05Z\",\"userIdentity\":{\"type\":\"IAMUser\",\"ctx\":{\"a\":{\"b\":1}}},\"x\":null},\n"
        + "  {\"eventName\":\"Put \u00e9\u4e2d\",\"eventTime\":7,\"eventTime\":\"2026-01-02T03:04:06+01:00\",\"big\":1e400,\"arr\":[true]},\n"
        + "  {\"eventName\":\"Late\",\"late\":{\"k\":\"v\"}}\n],\"Records\":[{\"ignored\":1}]}\n";

    public static TheoryData<string, string> Inputs() => new()
    {
        { "ndjson", Sparse },
        { "ndjson", "real:zeek/json/corelight-json-streaming-mixed-paths.ndjson" },
        { "ndjson", "real:cloudtrail/cloudtrail-lookup-events-cli.jsonl" },
        { "eve", Eve },
        { "eve", "real:suricata/eve-alerts-community-id.json" },
        { "eve", "real:suricata/eve-mixed-event-types.json" },
        { "cloudtrail", CloudTrail },
        { "cloudtrail", "real:cloudtrail/cloudtrail-records-sts-assumerole.json" },
        { "osquery", "real:osquery/differential-added-ubuntu-xenial.ndjson" },
        { "vigil-audit", "sample:vigil-audit-burst.jsonl" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void BatchSizeAndThreadsDoNotChangeTheColumns(string format, string input)
    {
        IFormatParser parser = FormatRegistry.Find(format)!;
        byte[] data = Load(input);
        string expected = Dump(parser.Parse(data, new BatchOptions(Parallelism: 1)));
        foreach (BatchOptions options in (BatchOptions[])[new(MaxRows: 1), new(MaxRows: 7), new(MaxRows: 1, Parallelism: 1), new(MaxBytes: 64), default])
        {
            Assert.Equal(expected, Dump(parser.Parse(data, options)));
        }
    }

    [Theory]
    [InlineData("ndjson", "{\"a\":1}\n\n{\"a\":2}\n{\"a\":3}\n{\"a\":[1e400]}\n", "line 5: number out of range")]
    [InlineData("eve", "{\"timestamp\":\"x\",\"event_type\":\"a\"}\n{\"timestamp\":\"x\",\"event_type\":\"a\"}\n[1]\n", "line 3: expected a JSON object, found an array")]
    [InlineData("eve", "{\"timestamp\":\"x\",\"event_type\":\"a\"}\n{\"a\":[1e400],\"b\":tru}\n", "line 2: 'tru}' is an invalid JSON literal. Expected the literal 'true'.")]
    [InlineData("cloudtrail", "{\"Records\":[{\"eventName\":\"x\"},\n{\"eventName\":\"y\"},\n5]}", "line 3: Records[2] is not an object")]
    [InlineData("cloudtrail", "{\"Records\":[{\"eventName\":\"x\"},\n{\"eventName\":\"y\",\n\"s\":{\"t\":[1e400]}}]}", "line 2: number out of range")]
    [InlineData("cloudtrail", "{\"Records\":[{\"eventName\":\"x\"},\n{\"eventName\":\"y\",]}", "line 2: ']' is an invalid start of a property name. Expected a '\"'.")]
    [InlineData("cloudtrail", "{\"Records\":[{\"eventName\":\"x\"}]} {}", "line 1: '{' is invalid after a single JSON value. Expected end of data.")]
    [InlineData("cloudtrail", "{\"Nope\":[]}", "line 1: not a CloudTrail log: missing 'Records' array")]
    [InlineData("cloudtrail", "\n\n[1]", "line 3: not a CloudTrail log: expected a JSON object with a 'Records' array")]
    [InlineData("cloudtrail", "{\"Records\":[{\"s\":\"\\ud800\"}]}", "line 1: Cannot read incomplete UTF-16 JSON text as string with missing low surrogate.")]
    public void ErrorsNameTheSameLineInEveryBatching(string format, string input, string message)
    {
        IFormatParser parser = FormatRegistry.Find(format)!;
        foreach (BatchOptions options in (BatchOptions[])[new(MaxRows: 1), new(MaxRows: 7), default])
        {
            var e = Assert.Throws<FormatParseException>(() => parser.Parse(Utf8(input), options));
            Assert.Equal(message, e.Message);
        }
    }

    [Fact]
    public void CloudTrailInvalidUtf8NamesTheAbsoluteOffset()
    {
        byte[] data = [.. Utf8("{\"Records\":[{\"eventName\":\"x\"},\n{\"eventName\":\""), 0xC3, 0x28, .. Utf8("\"}]}")];
        var e = Assert.Throws<FormatParseException>(() => FormatRegistry.Find("cloudtrail")!.Parse(data, new BatchOptions(MaxRows: 1)));
        Assert.Equal("line 2: invalid UTF-8 at byte offset 45", e.Message);
    }

    [Fact]
    public void CloudTrailBatchesCoverTheInputInOrder()
    {
        IFormatParser parser = FormatRegistry.Find("cloudtrail")!;
        byte[] data = Utf8(CloudTrail);
        using var input = Input.InputSource.FromMemory("-", data);
        using IRecordBatchReader reader = parser.Open(input, new BatchOptions(MaxRows: 1));
        var rows = new List<long>();
        long end = 0;
        while (reader.Read() is RecordBatch batch)
        {
            Assert.Equal(end, batch.ByteOffset);
            end = batch.ByteOffset + batch.ByteLength;
            rows.Add(batch.FirstRow);
            Assert.True(batch.RowCount <= 1);
        }

        Assert.Equal(data.Length, end);
        Assert.Equal([0, 1, 2, 3], rows); // the last batch holds only the document's end
    }

    [Fact]
    public void CloudTrailOverTheSniffLimitIsStillClaimedAndStreamed()
    {
        var sb = new StringBuilder("{\"Records\":[\n");
        for (int i = 0; sb.Length < FormatResolver.SniffPrefixBytes + 4096; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("{\"eventVersion\":\"1.08\",\"eventName\":\"Get").Append(i % 7).Append("\",\"n\":").Append(i).Append("}\n");
        }

        byte[] data = Utf8(sb.Append("]}").ToString());
        IFormatParser cloudTrail = FormatRegistry.Find("cloudtrail")!;
        Assert.Equal(SniffConfidence.Strong, cloudTrail.Sniff(data.AsSpan(0, FormatResolver.SniffPrefixBytes)));
        Assert.Equal(SniffConfidence.None, cloudTrail.Sniff(Utf8("{\"Records\":[{\"eventVersion\":\"1.08\"}]").AsSpan()));
        using var input = Input.InputSource.FromMemory("big.json", data);
        RecordSet set = FormatResolver.Normalize(input, null, default, out _);
        Assert.Equal("cloudtrail", set.Format);
        Assert.Equal(sb.ToString().Count(c => c == '\n') - 1, set.Rows);
    }

    private static byte[] Load(string input) => input switch
    {
        _ when input.StartsWith("real:", StringComparison.Ordinal) => Real(input[5..]),
        _ when input.StartsWith("sample:", StringComparison.Ordinal) => Sample(input[7..]),
        _ => Utf8(input),
    };

    /// <summary>Everything the assembler must preserve, as text (float bits exactly).</summary>
    private static string Dump(IReadOnlyList<Column> columns)
    {
        var sb = new StringBuilder();
        foreach (Column c in columns)
        {
            sb.Append("col ").Append(c.Name).Append(' ').Append(c.Type).Append(' ').Append(c.RoleHint?.ToString() ?? "-").Append(' ').Append(c.Length).Append('\n');
            sb.Append(" dict ").AppendJoin('|', c.Strings).Append('\n');
            for (int r = 0; r < c.Length; r++)
            {
                Value v = c[r];
                sb.Append(v.Kind).Append(' ');
                sb.Append(v.Kind switch
                {
                    ValueKind.Float => BitConverter.DoubleToInt64Bits(v.AsFloat).ToString("x16", CultureInfo.InvariantCulture),
                    ValueKind.Int => v.AsInt.ToString(CultureInfo.InvariantCulture),
                    ValueKind.Bool => v.AsBool ? "true" : "false",
                    ValueKind.Str => c.StringCode(r).ToString(CultureInfo.InvariantCulture),
                    _ => "",
                }).Append('\n');
            }
        }

        return sb.ToString();
    }
}
