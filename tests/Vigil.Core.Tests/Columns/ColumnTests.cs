using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Core.Tests.Columns;

public sealed class ColumnTests
{
    private static Column Build(string name, params Value[] cells)
    {
        var b = new ColumnBuilder(name);
        foreach (Value v in cells)
        {
            b.Append(v);
        }

        return b.Build();
    }

    [Fact]
    public void Int_column_with_nulls_round_trips()
    {
        Column c = Build("n", Value.FromInt(1), Value.Null, Value.FromInt(-3));
        Assert.Equal(ColumnType.Int, c.Type);
        Assert.Equal(3, c.Length);
        Assert.Equal(1, c.NullCount);
        Assert.Equal(Value.FromInt(1), c[0]);
        Assert.True(c.IsNull(1));
        Assert.Equal(Value.FromInt(-3), c[2]);
        Assert.Equal([1.0, -3.0], c.Numeric());
    }

    [Fact]
    public void Float_column_keeps_its_int_cells_as_ints()
    {
        Column c = Build("x", Value.FromInt(2), Value.FromFloat(2.5), Value.Null, Value.FromInt(4));
        Assert.Equal(ColumnType.Float, c.Type);
        Assert.Equal(ValueKind.Int, c.KindAt(0));
        Assert.Equal(Value.FromInt(2), c[0]);
        Assert.Equal(Value.FromFloat(2.5), c[1]);
        Assert.Equal(ValueKind.Null, c.KindAt(2));
        Assert.Equal([2.0, 2.5, 4.0], c.Numeric());
    }

    [Fact]
    public void Mixed_column_round_trips_every_kind()
    {
        Value[] cells = [Value.FromInt(1), Value.Null, Value.FromString("a"), Value.FromFloat(2.5), Value.FromBool(true), Value.FromString("a")];
        Column c = Build("m", cells);
        Assert.Equal(ColumnType.Mixed, c.Type);
        Assert.Equal(cells, Enumerable.Range(0, c.Length).Select(i => c[i]));
        // numeric() drops Null and Str: Int, Float, Bool survive.
        Assert.Equal([1.0, 2.5, 1.0], c.Numeric());
        Assert.Equal(1, c.NullCount);
        Assert.Equal(c.StringCode(2), c.StringCode(5));
        Assert.Equal(-1, c.StringCode(0));
    }

    [Fact]
    public void String_column_dictionary_encodes()
    {
        var b = new ColumnBuilder("s");
        b.AppendString("x");
        b.AppendString("y".AsSpan());
        b.AppendString("x".AsSpan());
        Column c = b.Build();
        Assert.Equal(ColumnType.Str, c.Type);
        Assert.Equal(["x", "y"], c.Strings);
        Assert.Equal(Value.FromString("x"), c[2]);
        Assert.Empty(c.Numeric());
    }

    [Fact]
    public void All_null_column_is_unknown()
    {
        Column c = Build("u", Value.Null, Value.Null);
        Assert.Equal(ColumnType.Unknown, c.Type);
        Assert.Equal(2, c.NullCount);
        Assert.Empty(c.Numeric());
    }

    [Fact]
    public void Any_sequence_of_values_round_trips_and_folds_its_type()
    {
        Gen<Value> value = Gen.OneOf(
            Gen.Const(Value.Null),
            Gen.Bool.Select(Value.FromBool),
            Gen.Long.Select(Value.FromInt),
            Gen.Double.Where(double.IsFinite).Select(Value.FromFloat),
            Gen.String["abc"].Select(Value.FromString));
        value.Array[0, 200].Sample(cells =>
        {
            Column c = Build("p", cells);
            ColumnType fold = cells.Aggregate(ColumnType.Unknown, (t, v) => t.Unify(v.CellType));
            return c.Type == fold && c.Length == cells.Length && cells.Select((v, i) => c[i] == v).All(x => x);
        }, iter: 300);
    }

    [Fact]
    public void A_built_column_is_immune_to_further_appends()
    {
        var b = new ColumnBuilder("x");
        for (int i = 0; i < 15; i++)
        {
            b.AppendInt(i);
        }

        Column c = b.Build();
        Assert.Throws<InvalidOperationException>(() => b.AppendInt(99));
        Assert.Same(c, b.Build());
        Assert.Equal(15, c.Length);
        Assert.Equal(Value.FromInt(14), c[14]);
        Assert.Throws<ArgumentOutOfRangeException>(() => c[15]);
    }

    [Fact]
    public void Row_index_out_of_range_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Build("a", Value.FromInt(1))[1]);

    [Fact]
    public void Record_set_select_and_without_keep_original_order()
    {
        var rs = new RecordSet("f.csv", "csv", [Build("a", Value.FromInt(1)), Build("b", Value.FromInt(2)), Build("c", Value.FromInt(3))]);
        Assert.Equal(["a", "c"], rs.Select(["c", "a", "zz"]).Columns.Select(c => c.Name));
        Assert.Equal(["b"], rs.Without(["a", "c"]).Columns.Select(c => c.Name));
        Assert.Empty(rs.Select([]).Columns);
        Assert.Equal(0, rs.Select([]).Rows);
        Assert.Equal("f.csv", rs.Select(["a"]).Source);
        Assert.Equal(1, rs.Rows);
    }

    [Fact]
    public void Find_returns_the_first_of_duplicate_names()
    {
        var rs = new RecordSet("-", "csv", [Build("a", Value.FromInt(1)), Build("a", Value.FromInt(2))]);
        Assert.Equal(Value.FromInt(1), rs.Find("a")![0]);
        Assert.Null(rs.Find("b"));
    }

    [Fact]
    public void Unequal_column_lengths_are_rejected() =>
        Assert.Throws<ArgumentException>(() => new RecordSet("-", "csv", [Build("a", Value.FromInt(1)), Build("b")]));

    [Fact]
    public void Table_builder_orders_columns_by_first_appearance_then_alphabetically()
    {
        // Reference §2.5: {"b":1,"a":2} / {"c":3,"a":4} → [a, b, c], a=[2,4], b=[1,null], c=[null,3].
        var t = new TableBuilder();
        t.Add([new("b", Value.FromInt(1)), new("a", Value.FromInt(2))]);
        t.Add([new("c", Value.FromInt(3)), new("a", Value.FromInt(4))]);
        Column[] cols = t.Build();
        Assert.Equal(["a", "b", "c"], cols.Select(c => c.Name));
        Assert.Equal([Value.FromInt(2), Value.FromInt(4)], [cols[0][0], cols[0][1]]);
        Assert.Equal([Value.FromInt(1), Value.Null], [cols[1][0], cols[1][1]]);
        Assert.Equal([Value.Null, Value.FromInt(3)], [cols[2][0], cols[2][1]]);
    }

    [Fact]
    public void Table_builder_late_column_is_back_filled_and_repeated_key_keeps_last()
    {
        var t = new TableBuilder();
        t.Add([new("z", Value.FromInt(1))]);
        t.Add([new("z", Value.FromInt(2))]);
        t.Add([new("y", Value.FromString("first")), new("y", Value.FromString("last")), new("z", Value.FromInt(3))]);
        Column[] cols = t.Build();
        Assert.Equal(["z", "y"], cols.Select(c => c.Name));
        Assert.Equal(3, cols[1].Length);
        Assert.Equal(2, cols[1].NullCount);
        Assert.Equal(Value.FromString("last"), cols[1][2]);
        Assert.Equal(3, t.RecordCount);
    }

    [Fact]
    public void Table_builder_uses_ordinal_key_order()
    {
        var t = new TableBuilder();
        t.Add([new("b", Value.FromInt(1)), new("B", Value.FromInt(2)), new("_a", Value.FromInt(3)), new("a", Value.FromInt(4))]);
        Assert.Equal(["B", "_a", "a", "b"], t.Build().Select(c => c.Name));
    }
}
