using System.Globalization;
using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Tests;

/// <summary>The fast paths agree with the general code they shortcut.</summary>
public sealed class NumberAndTableEquivalenceTests
{
    [Fact]
    public void PlainDecimalsMatchTheFullParser()
    {
        Gen.Select(Gen.Long[-999_999_999_999_999, 999_999_999_999_999], Gen.Int[0, 22], Gen.Bool).Sample((digits, scale, leadingDot) =>
        {
            string text = digits.ToString(CultureInfo.InvariantCulture);
            string sign = text.StartsWith('-') ? "-" : string.Empty;
            string body = text.TrimStart('-').PadLeft(scale + 1, '0');
            string s = sign + body[..^scale] + "." + body[^scale..];
            if (leadingDot && s.StartsWith("0.", StringComparison.Ordinal))
            {
                s = s[1..];
            }

            Assert.True(TypeInference.TryParseRustFiniteFloat(s, out double fast));
            double full = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(full), BitConverter.DoubleToInt64Bits(fast));
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void SpanTableBuilderMatchesCoreTableBuilder()
    {
        var genRecord = Gen.Select(Gen.String[Gen.Char["abcdAB_"], 0, 3], Gen.String[Gen.Char["01x.-"], 0, 4]).Array[0, 6];
        genRecord.Array[0, 12].Sample(records =>
        {
            var core = new TableBuilder();
            var span = new SpanTableBuilder();
            foreach (var record in records)
            {
                core.BeginRecord();
                span.BeginRecord();
                foreach (var (key, raw) in record)
                {
                    core.Set(key, TypeInference.InferScalar(raw));
                    span.SetInferred(key, raw);
                }

                core.EndRecord();
                span.EndRecord();
            }

            Column[] a = core.Build();
            Column[] b = span.Build();
            Assert.Equal(a.Select(c => c.Name), b.Select(c => c.Name));
            for (int i = 0; i < a.Length; i++)
            {
                Assert.Equal(a[i].Type, b[i].Type);
                Assert.Equal(Enumerable.Range(0, a[i].Length).Select(r => a[i][r]), Enumerable.Range(0, b[i].Length).Select(r => b[i][r]));
            }
        }, iter: 500, threads: 1);
    }
}
