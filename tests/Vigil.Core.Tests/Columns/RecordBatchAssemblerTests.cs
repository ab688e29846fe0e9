using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Core.Tests.Columns;

public sealed class RecordBatchAssemblerTests
{
    private static Column Col(string name, bool pooled, params Value[] cells)
    {
        var b = new ColumnBuilder(name, 4, pooled);
        foreach (Value v in cells)
        {
            b.Append(v);
        }

        return b.Build();
    }

    private static RecordBatch Batch(long firstRow, params Column[] columns) =>
        new(firstRow, 1, 0, 0, 0, columns.Length == 0 ? 0 : columns[0].Length, columns);

    private static Value S(string s) => Value.FromString(s);

    [Fact]
    public void A_column_first_seen_in_batch_three_is_back_filled_and_appended_last()
    {
        var assembler = new RecordBatchAssembler();
        assembler.Append(Batch(0, Col("a", true, Value.FromInt(1), Value.FromInt(2))));
        assembler.Append(Batch(2, Col("a", true, Value.FromInt(3))));
        assembler.Append(Batch(3, Col("b", true, S("x")), Col("a", true, Value.Null)));
        IReadOnlyList<Column> cols = assembler.Build();

        Assert.Equal(["a", "b"], cols.Select(c => c.Name));
        Assert.Equal([Value.FromInt(1), Value.FromInt(2), Value.FromInt(3), Value.Null], Enumerable.Range(0, 4).Select(i => cols[0][i]));
        Assert.Equal([Value.Null, Value.Null, Value.Null, S("x")], Enumerable.Range(0, 4).Select(i => cols[1][i]));
        Assert.Equal(ColumnType.Str, cols[1].Type);
        Assert.Equal(3, cols[1].NullCount);
    }

    [Fact]
    public void String_dictionaries_are_remapped_in_first_seen_order()
    {
        var assembler = new RecordBatchAssembler();
        assembler.Append(Batch(0, Col("s", true, S("b"), S("a"))));
        assembler.Append(Batch(2, Col("s", true, S("c"), S("a"), S("b"))));
        Column s = assembler.Build()[0];

        Assert.Equal(["b", "a", "c"], s.Strings);
        Assert.Equal([0, 1, 2, 1, 0], Enumerable.Range(0, 5).Select(s.StringCode));
    }

    [Fact]
    public void Mixed_kinds_across_batches_keep_every_cell()
    {
        var assembler = new RecordBatchAssembler();
        assembler.Append(Batch(0, Col("v", true, Value.FromInt(1), Value.FromInt(2))));
        assembler.Append(Batch(2, Col("v", true, Value.FromFloat(2.5), Value.Null)));
        assembler.Append(Batch(4, Col("v", true, S("x"))));
        Column v = assembler.Build()[0];

        Assert.Equal(ColumnType.Mixed, v.Type);
        Assert.Equal([Value.FromInt(1), Value.FromInt(2), Value.FromFloat(2.5), Value.Null, S("x")], Enumerable.Range(0, 5).Select(i => v[i]));
    }

    [Fact]
    public void Repeated_names_in_a_batch_stay_positional()
    {
        var assembler = new RecordBatchAssembler();
        assembler.Append(Batch(0, Col("x", true), Col("x", true)));
        assembler.Append(Batch(0, Col("x", true, Value.FromInt(1)), Col("x", true, Value.FromInt(2))));
        IReadOnlyList<Column> cols = assembler.Build();

        Assert.Equal(2, cols.Count);
        Assert.Equal(Value.FromInt(1), cols[0][0]);
        Assert.Equal(Value.FromInt(2), cols[1][0]);
    }

    [Fact]
    public void A_single_batch_is_taken_as_is()
    {
        Column a = Col("a", false, Value.FromInt(7));
        var assembler = new RecordBatchAssembler();
        assembler.Append(Batch(0, a));
        Assert.Same(a, assembler.Build()[0]);
    }

    [Fact]
    public void Builder_adds_kinds_only_when_they_differ()
    {
        var b = new ColumnBuilder("n");
        b.AppendInt(1);
        b.AppendInt(2);
        b.AppendString("x"u8);
        b.AppendNull();
        b.AppendString("x"u8);
        Column c = b.Build();

        Assert.Equal(ColumnType.Mixed, c.Type);
        Assert.Equal([Value.FromInt(1), Value.FromInt(2), S("x"), Value.Null, S("x")], Enumerable.Range(0, 5).Select(i => c[i]));
        Assert.Equal(["x"], c.Strings);
    }

    [Fact]
    public void Utf8_and_utf16_appends_share_one_dictionary()
    {
        var b = new ColumnBuilder("s");
        b.AppendString("é");
        b.AppendString("é"u8);
        b.AppendString("z"u8);
        b.AppendString("z".AsSpan());
        Column c = b.Build();

        Assert.Equal(["é", "z"], c.Strings);
        Assert.Equal([0, 0, 1, 1], Enumerable.Range(0, 4).Select(c.StringCode));
    }
}
