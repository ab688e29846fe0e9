using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Core.Values;

namespace Vigil.Core.Tests.Roles;

public sealed class RoleClassifierTests
{
    private static Column Ints(string name, IEnumerable<long> values)
    {
        var b = new ColumnBuilder(name);
        foreach (long v in values)
        {
            b.AppendInt(v);
        }

        return b.Build();
    }

    private static Column Floats(string name, IEnumerable<double> values)
    {
        var b = new ColumnBuilder(name);
        foreach (double v in values)
        {
            b.AppendFloat(v);
        }

        return b.Build();
    }

    private static Column Strings(string name, params string[] values)
    {
        var b = new ColumnBuilder(name);
        foreach (string v in values)
        {
            b.AppendString(v);
        }

        return b.Build();
    }

    [Theory]
    [InlineData("SYSLOG_PID", "syslog,pid")]
    [InlineData("durationNanos", "duration,nanos")]
    [InlineData("sessionId", "session,id")]
    [InlineData("_PID", "pid")]
    [InlineData("JOB_ID", "job,id")]
    [InlineData("HTTPStatus", "httpstatus")]
    [InlineData("user2Id", "user2,id")]
    [InlineData("Event.System.EventID", "event,system,event,id")]
    [InlineData("héllo wörld", "h,llo,w,rld")]
    [InlineData("", "")]
    public void Tokenizer_examples(string name, string expected) =>
        Assert.Equal(expected, string.Join(',', RoleClassifier.Tokenize(name)));

    [Theory]
    [InlineData("_UID")]
    [InlineData("TID")]
    [InlineData("user_id")]
    [InlineData("uuid")]
    [InlineData("procid")]
    [InlineData("Event.System.EventID")]
    [InlineData("signatureId")]
    [InlineData("eventId")]
    [InlineData("traceId")]
    [InlineData("flow_id")]
    [InlineData("account-id")]
    [InlineData("SYSLOG_PID")]
    [InlineData("sessionid")]
    public void Identifier_names(string name) =>
        Assert.Equal(ColumnRole.Identifier, RoleClassifier.Classify(Ints(name, [5, 1, 9, 3])));

    [Theory]
    [InlineData("DAYS_LOST")]
    [InlineData("fare")]
    [InlineData("age")]
    [InlineData("humidity")]
    [InlineData("valid")]
    [InlineData("period")]
    [InlineData("response_time")]
    [InlineData("duration_ms")]
    [InlineData("startTimeUnixNano")]
    public void Not_identifier_or_timestamp_names(string name) =>
        Assert.Equal(ColumnRole.Measurement, RoleClassifier.Classify(Ints(name, [5, 1, 9, 3])));

    [Theory]
    [InlineData("__REALTIME_TIMESTAMP")]
    [InlineData("timestamp")]
    [InlineData("ts")]
    [InlineData("timestamp_epoch")]
    public void Timestamp_names_are_sequences_even_when_jittery(string name) =>
        Assert.Equal(ColumnRole.Sequence, RoleClassifier.Classify(Ints(name, [5, 1, 9, 3])));

    [Fact]
    public void String_timestamp_column_is_a_sequence() =>
        Assert.Equal(ColumnRole.Sequence, RoleClassifier.Classify(Strings("ts", "2024-01-01", "2024-01-02")));

    [Fact]
    public void Constant_takes_precedence_over_an_id_name()
    {
        Assert.Equal(ColumnRole.Constant, RoleClassifier.Classify(Ints("user_id", [7, 7])));
        Assert.Equal(ColumnRole.Constant, RoleClassifier.Classify(Strings("s", "x", "x", "x")));
        Assert.Equal(ColumnRole.Constant, RoleClassifier.Classify(Ints("empty", [])));
        var nulls = new ColumnBuilder("n");
        nulls.AppendNulls(3);
        nulls.AppendInt(4);
        Assert.Equal(ColumnRole.Constant, RoleClassifier.Classify(nulls.Build()));
    }

    [Fact]
    public void Zero_and_negative_zero_are_two_distinct_values() =>
        Assert.Equal(ColumnRole.Measurement, RoleClassifier.Classify(Floats("x", [0.0, -0.0])));

    [Fact]
    public void Long_strict_ramps_are_sequences_short_ones_measurements()
    {
        Assert.Equal(ColumnRole.Sequence, RoleClassifier.Classify(Ints("n", Enumerable.Range(0, 40).Select(i => (long)i))));
        Assert.Equal(ColumnRole.Sequence, RoleClassifier.Classify(Floats("d", Enumerable.Range(0, 20).Select(i => 100.0 - i))));
        Assert.Equal(ColumnRole.Measurement, RoleClassifier.Classify(Ints("n", Enumerable.Range(0, 19).Select(i => (long)i))));
        Assert.Equal(ColumnRole.Measurement, RoleClassifier.Classify(Ints("n", [1, 2, 3, 4, 5])));
        // Equal steps break strictness.
        Assert.Equal(ColumnRole.Measurement, RoleClassifier.Classify(Ints("n", Enumerable.Range(0, 30).Select(i => (long)(i / 2)))));
    }

    [Fact]
    public void Near_constant_with_an_outlier_stays_a_measurement() =>
        Assert.Equal(ColumnRole.Measurement, RoleClassifier.Classify(Ints("v", [5, 5, 5, 5, 99])));

    [Fact]
    public void Strings_and_mixed_are_categorical()
    {
        Assert.Equal(ColumnRole.Categorical, RoleClassifier.Classify(Strings("host", "a", "b")));
        var mixed = new ColumnBuilder("m");
        mixed.AppendInt(1);
        mixed.AppendString("x");
        Assert.Equal(ColumnRole.Categorical, RoleClassifier.Classify(mixed.Build()));
    }

    [Fact]
    public void Gating_skips_only_identifier_and_sequence()
    {
        Assert.True(ColumnRole.Identifier.SkipsValueDetection());
        Assert.True(ColumnRole.Sequence.SkipsValueDetection());
        Assert.False(ColumnRole.Measurement.SkipsValueDetection());
        Assert.False(ColumnRole.Categorical.SkipsValueDetection());
        Assert.False(ColumnRole.Constant.SkipsValueDetection());
        Assert.Equal(["measurement", "identifier", "categorical", "sequence", "constant"], Enum.GetValues<ColumnRole>().Select(r => r.ToToken()));
    }

    [Fact]
    public void Parser_role_hint_overrides_the_name_and_type_rules_but_not_constancy()
    {
        // Column.RoleHint's contract: a parser's statement of the role beats the name rules (§2.6 steps 2–5), but a
        // column with at most one distinct value is still constant (§2.6 step 1 comes first).
        Assert.Equal(ColumnRole.Categorical, RoleClassifier.Classify(Ints("signature_id", [1, 2, 1, 3]).WithRoleHint(ColumnRole.Categorical)));
        Assert.Equal(ColumnRole.Categorical, RoleClassifier.Classify(Ints("bytes", [5, 9, 5, 7]).WithRoleHint(ColumnRole.Categorical)));
        Assert.Equal(ColumnRole.Sequence, RoleClassifier.Classify(Ints("start", [1, 5, 3]).WithRoleHint(ColumnRole.Sequence)));
        Assert.Equal(ColumnRole.Constant, RoleClassifier.Classify(Ints("signature_id", [4, 4]).WithRoleHint(ColumnRole.Categorical)));
        Assert.Equal(ColumnRole.Identifier, RoleClassifier.Classify(Ints("signature_id", [1, 2, 1, 3])));
    }

    [Fact]
    public void Distinctness_is_by_kind_and_value_so_int_one_and_bool_true_differ()
    {
        // §2.1 canonical keys "i:1" and "b:true" differ, so this column has two distinct values: not constant.
        var b = new ColumnBuilder("flag");
        b.AppendInt(1);
        b.AppendBool(true);
        b.AppendInt(1);
        Assert.NotEqual(ColumnRole.Constant, RoleClassifier.Classify(b.Build()));
        var same = new ColumnBuilder("flag");
        same.AppendBool(true);
        same.AppendNull();
        same.AppendBool(true);
        Assert.Equal(ColumnRole.Constant, RoleClassifier.Classify(same.Build()));
    }

    [Fact]
    public void Monotone_test_runs_over_the_finite_values_only()
    {
        // §2.6 step 4 uses numeric(), which drops NaN/±Inf (§2.3): 20 finite rising values with a NaN and a −Inf
        // among them are a sequence; 19 finite ones plus a +Inf are too few.
        double[] rising = [.. Enumerable.Range(0, 10).Select(i => (double)i), double.NaN, double.NegativeInfinity, .. Enumerable.Range(10, 10).Select(i => (double)i)];
        Assert.Equal(ColumnRole.Sequence, RoleClassifier.Classify(Floats("value", rising)));
        double[] short19 = [.. Enumerable.Range(0, 19).Select(i => (double)i), double.PositiveInfinity];
        Assert.Equal(ColumnRole.Measurement, RoleClassifier.Classify(Floats("value", short19)));
    }
}
