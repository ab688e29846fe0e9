using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Handles;

namespace Vigil.Core.Tests.Handles;

public sealed class HandleTests
{
    [Theory]
    [InlineData("col:amount", HandleKind.Column, "amount", 0, 0, 0)]
    [InlineData("col:", HandleKind.Column, "", 0, 0, 0)]
    [InlineData("col:a:b", HandleKind.Column, "a:b", 0, 0, 0)]
    [InlineData("dist:x", HandleKind.Dist, "x", 0, 0, 0)]
    [InlineData("row:12", HandleKind.Row, "", 12, 0, 0)]
    [InlineData("row:+3", HandleKind.Row, "", 3, 0, 0)]
    [InlineData("cell:amount:8", HandleKind.Cell, "amount", 8, 0, 0)]
    [InlineData("cell:a:b:3", HandleKind.Cell, "a:b", 3, 0, 0)]
    [InlineData("cell::0", HandleKind.Cell, "", 0, 0, 0)]
    [InlineData("range:v:10:20", HandleKind.Range, "v", 0, 10, 20)]
    [InlineData("range:a:b:1:2", HandleKind.Range, "a:b", 0, 1, 2)]
    [InlineData("range::1:2", HandleKind.Range, "", 0, 1, 2)]
    public void Parses(string text, HandleKind kind, string column, long row, long start, long end)
    {
        Assert.True(Handle.TryParse(text, out Handle h));
        Assert.Equal(new Handle(kind, column, row, start, end), h);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("")]
    [InlineData("cell:amount:notanumber")]
    [InlineData("cell:amount")]
    [InlineData("cell:x:-1")]
    [InlineData("cell:x: 1")]
    [InlineData("row:")]
    [InlineData("row:-1")]
    [InlineData("row:1.5")]
    [InlineData("range:v:10")]
    [InlineData("range:1:2")]
    [InlineData("range:v:a:2")]
    [InlineData("column:x")]
    [InlineData("COL:x")]
    [InlineData("row:99999999999999999999")]
    public void Rejects(string text) => Assert.False(Handle.TryParse(text, out _));

    [Fact]
    public void Canonical_strings()
    {
        Assert.Equal("col:a", Handle.ForColumn("a").ToString());
        Assert.Equal("cell:a:b:3", Handle.ForCell("a:b", 3).ToString());
        Assert.Equal("range:v:1:5", Handle.ForRange("v", 1, 5).ToString());
        Assert.Equal("dist:v", Handle.ForDist("v").ToString());
        Assert.Equal("row:0", Handle.ForRow(0).ToString());
    }

    [Fact]
    public void Plus_sign_canonicalises_away()
    {
        Assert.True(Handle.TryParse("cell:x:+7", out Handle h));
        Assert.Equal("cell:x:7", h.ToString());
    }

    [Fact]
    public void Column_and_dist_with_same_name_differ() => Assert.NotEqual(Handle.ForColumn("x"), Handle.ForDist("x"));

    [Fact]
    public void Every_handle_round_trips_through_its_canonical_string()
    {
        Gen<string> name = Gen.String[Gen.Char["ab:1 é"], 0, 6];
        Gen<long> n = Gen.Long[0, long.MaxValue];
        Gen<Handle> handle = Gen.OneOf(
            name.Select(Handle.ForColumn),
            name.Select(Handle.ForDist),
            n.Select(Handle.ForRow),
            Gen.Select(name, n).Select((c, r) => Handle.ForCell(c, r)),
            Gen.Select(name, n, n).Select((c, s, e) => Handle.ForRange(c, s, e)));
        handle.Sample(h => Handle.TryParse(h.ToString(), out Handle back) && back == h);
    }

    [Fact]
    public void Resolution_rules()
    {
        var b = new ColumnBuilder("v");
        for (int i = 0; i < 5; i++)
        {
            b.AppendInt(i);
        }

        var rs = new RecordSet("-", "csv", [b.Build()]);
        Assert.True(HandleResolver.Resolves(rs, Handle.ForColumn("v")));
        Assert.True(HandleResolver.Resolves(rs, Handle.ForDist("v")));
        Assert.False(HandleResolver.Resolves(rs, Handle.ForColumn("w")));
        Assert.True(HandleResolver.Resolves(rs, Handle.ForCell("v", 4)));
        Assert.False(HandleResolver.Resolves(rs, Handle.ForCell("v", 5)));
        Assert.True(HandleResolver.Resolves(rs, Handle.ForRange("v", 0, 5)));
        Assert.False(HandleResolver.Resolves(rs, Handle.ForRange("v", 3, 3)));
        Assert.False(HandleResolver.Resolves(rs, Handle.ForRange("v", 4, 2)));
        Assert.False(HandleResolver.Resolves(rs, Handle.ForRange("v", 0, 6)));
        Assert.True(HandleResolver.Resolves(rs, Handle.ForRow(4)));
        Assert.False(HandleResolver.Resolves(rs, Handle.ForRow(5)));
        Assert.False(HandleResolver.Resolves(new RecordSet("-", "csv", []), Handle.ForRow(0)));
    }
}
