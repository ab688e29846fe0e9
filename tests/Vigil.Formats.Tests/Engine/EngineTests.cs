using System.Text;
using Vigil.Core.Columns;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Engine;

/// <summary>The engine's seams: line splitting, chunk refills, error positions, resolution, input sources.</summary>
public sealed class EngineTests
{
    private static string[] Lines(string text)
    {
        var result = new List<string>();
        var lines = new Utf8LineSplitter(Encoding.UTF8.GetBytes(text));
        while (lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            result.Add(Encoding.UTF8.GetString(line));
        }

        return [.. result];
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("a\n\nb\n", new[] { "a", "", "b" })]
    [InlineData("\n", new[] { "" })]
    [InlineData("a\r", new[] { "a" })]
    [InlineData("a\rb\n", new[] { "a\rb" })]
    public void Splitter_matches_rust_str_lines(string text, string[] expected) => Assert.Equal(expected, Lines(text));

    [Fact]
    public void Chunks_cut_at_line_starts_across_every_refill()
    {
        // DEBUG reads 7 bytes at a time; the chunk target is 5 bytes: lines of 0..20 bytes cross every boundary.
        string text = string.Concat(Enumerable.Range(0, 40).Select(i => new string((char)('a' + (i % 26)), i % 21) + (i % 3 == 0 ? "\r\n" : "\n")));
        using InputSource input = InputSource.FromMemory("x", Encoding.UTF8.GetBytes(text));
        var chunker = new RecordChunker(input, LineBoundary.Instance, 5, 0);
        var rebuilt = new StringBuilder();
        while (chunker.Next() is InputChunk chunk)
        {
            string part = Encoding.UTF8.GetString(chunk.Data);
            Assert.True(part.Length == 0 || part.EndsWith('\n') || chunk.IsLast, part);
            rebuilt.Append(part);
            chunk.Release();
        }

        Assert.Equal(text, rebuilt.ToString());
    }

    [Fact]
    public void A_bad_row_in_a_later_batch_names_its_absolute_line()
    {
        string text = "a,b\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"{i},{i}\n")) + "1,2,3\n4,5\n";
        foreach (var options in new BatchOptions[] { default, new(MaxRows: 7), new(MaxBytes: 64, Parallelism: 2) })
        {
            var e = Assert.Throws<FormatParseException>(() => FormatRegistry.Find("csv")!.Parse(Utf8(text), options));
            Assert.Equal(502, e.Line);
            Assert.Equal("line 502: row has more than the header's 2 fields", e.Message);
        }
    }

    [Fact]
    public void Invalid_utf8_names_the_absolute_offset_and_line()
    {
        byte[] data = [.. Utf8(string.Concat(Enumerable.Range(0, 100).Select(i => $"k={i}\n"))), 0xC3, 0x28, .. Utf8("\nk=1\n")];
        int offset = data.Length - 7;
        foreach (var options in new BatchOptions[] { default, new(MaxRows: 1), new(MaxBytes: 16, Parallelism: 2) })
        {
            var e = Assert.Throws<FormatParseException>(() => FormatRegistry.Find("logfmt")!.Parse(data, options));
            Assert.Equal($"line 101: invalid UTF-8 at byte offset {offset}", e.Message);
        }
    }

    [Fact]
    public void Resolution_falls_back_only_on_a_first_batch_failure()
    {
        // A .csv whose first batch is fine but a later row is ragged: CSV owns it, and its error stands.
        string text = "a,b\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},{i}\n")) + "1,2,3\n";
        using InputSource input = InputSource.FromMemory("x.csv", Utf8(text));
        var e = Assert.Throws<FormatParseException>(() => FormatResolver.Normalize(input, null, new BatchOptions(MaxBytes: 1024), out _));
        Assert.Equal("csv", e.Format);
        Assert.Equal(5002, e.Line);
    }

    [Fact]
    public void A_stream_source_rewinds_until_commit()
    {
        using InputSource input = InputSource.FromStream("-", new NonSeekableStream(Utf8("{\"a\":1}\n{\"a\":2}\n")));
        RecordSet set = FormatResolver.Normalize(input, null, default, out FormatResolution how);
        Assert.Equal("ndjson", set.Format);
        Assert.Equal(2, set.Rows);
        Assert.Equal(FormatResolution.Sniff, how);
        Assert.Equal(16, input.BytesRead);
    }

    [Fact]
    public void A_missing_file_is_the_contract_io_error()
    {
        var e = Assert.Throws<InputException>(() => InputSource.Open("/nonexistent/vigil-engine-test.csv"));
        Assert.Equal("io error: /nonexistent/vigil-engine-test.csv: No such file or directory (os error 2)", e.Message);
    }

    [Fact]
    public void Sink_keeps_the_column_order_contract()
    {
        var sink = new ColumnSink();
        sink.BeginRecord();
        sink.SetInt("z"u8, 1);
        sink.SetInt("b"u8, 2);
        sink.EndRecord();
        sink.BeginRecord();
        sink.SetString("c"u8, "x"u8);
        sink.SetInt("a"u8, 3);
        sink.SetInt("a"u8, 4);
        sink.EndRecord();
        Column[] cols = sink.Build();

        Assert.Equal(["b", "z", "a", "c"], cols.Select(c => c.Name));
        Assert.Equal(Core.Values.Value.FromInt(4), cols[2][1]);
        Assert.True(cols[2].IsNull(0));
        Assert.True(cols[0].IsNull(1));
    }

    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private int _pos;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 3), data.Length - _pos);
            Array.Copy(data, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
