using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Numerics;
using Vigil.Core.Text;
using Vigil.Core.Values;
using Vigil.Detection.Numerics;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>dist.chi2</c> (reference §4.5): χ² test of the category mix of each non-numeric column against the
/// same-named baseline column (of any type), flagged when p &lt; <c>dist_alpha</c>.
/// </summary>
internal sealed class Chi2DriftDetector : IDetector
{
    private const double ExpectedFloor = 0.5;

    public string Id => "dist.chi2";

    public AnomalyClass Class => AnomalyClass.Distributional;

    public void Run(ScanContext context, DetectionSink sink)
    {
        if (context.Baseline is not { } baseline)
        {
            sink.Absent(Id, DriftPairs.NoBaseline);
            return;
        }

        double alpha = context.Config.DistAlpha;
        bool applicable = false;
        IReadOnlyList<Column> columns = context.Current.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            Column column = columns[c];
            if (column.Type.IsNumeric() || context.IsRoleSkipped(c))
            {
                continue;
            }

            Column? before = baseline.Find(column.Name);
            if (before is null)
            {
                continue;
            }

            Dictionary<Category, long> baseCounts = Count(before, out long baseTotal);
            Dictionary<Category, long> curCounts = Count(column, out long curTotal);
            if (baseTotal == 0 || curTotal == 0)
            {
                continue;
            }

            applicable = true;
            (double stat, int dof) = Statistic(baseCounts, baseTotal, curCounts, curTotal);
            double p = SpecialFunctions.ChiSquaredPValue(stat, dof);
            if (p < alpha)
            {
                string name = column.Name;
                sink.Add(Finding.Create(
                    Id, Class, Handle.ForDist(name), Calibration.FromUndercut(p, alpha), stat,
                    () => $"{name}: χ²={RustFormat.Fixed(stat, 3)} (dof={dof}), p={RustFormat.Fixed(p, 4)} < α={RustFormat.Fixed(alpha, 4)} — category mix changed"));
            }
        }

        if (!applicable)
        {
            sink.Absent(Id, "no categorical column shared by both corpora");
        }
    }

    /// <summary>χ² statistic over the union of categories (expected counts floored at 0.5) and dof = max(#categories − 1, 1).</summary>
    internal static (double Stat, int Dof) Statistic(Dictionary<Category, long> baseCounts, long baseTotal, Dictionary<Category, long> curCounts, long curTotal)
    {
        var categories = new HashSet<Category>(baseCounts.Keys);
        categories.UnionWith(curCounts.Keys);
        var terms = new double[categories.Count];
        int i = 0;
        foreach (Category category in categories)
        {
            long b = baseCounts.GetValueOrDefault(category);
            long cur = curCounts.GetValueOrDefault(category);
            double expected = Math.Max((double)b / baseTotal * curTotal, ExpectedFloor);
            double deviation = cur - expected;
            terms[i++] = deviation * deviation / expected;
        }

        // The exact sum is order-independent, so the (hash) order of categories cannot change the result.
        return (Det.Sum(terms), Math.Max(categories.Count - 1, 1));
    }

    /// <summary>Counts of the non-null cells by identity (the reference's canonical string: kind plus exact value).</summary>
    internal static Dictionary<Category, long> Count(Column column, out long total)
    {
        var counts = new Dictionary<Category, long>();
        var perCode = new long[column.Strings.Count];
        total = 0;
        if (column.TryGetStringCodes(out ReadOnlySpan<long> codes))
        {
            // Uniform Str: count codes straight from storage, skipping nulls by the mask.
            ReadOnlySpan<ulong> nulls = column.NullMask;
            for (int row = 0; row < codes.Length; row++)
            {
                if (nulls.IsEmpty || (nulls[row >> 6] & (1UL << row)) == 0)
                {
                    perCode[codes[row]]++;
                    total++;
                }
            }
        }
        else
        {
            total = CountByCell(column, counts, perCode);
        }

        for (int code = 0; code < perCode.Length; code++)
        {
            if (perCode[code] > 0)
            {
                var key = new Category(ValueKind.Str, 0, column.Strings[code]);
                counts[key] = counts.GetValueOrDefault(key) + perCode[code];
            }
        }

        return counts;
    }

    private static long CountByCell(Column column, Dictionary<Category, long> counts, long[] perCode)
    {
        long total = 0;
        for (int row = 0; row < column.Length; row++)
        {
            ValueKind kind = column.KindAt(row);
            switch (kind)
            {
                case ValueKind.Null:
                    continue;
                case ValueKind.Str:
                    perCode[column.StringCode(row)]++;
                    break;
                default:
                    Value v = column[row];
                    long bits = kind switch
                    {
                        ValueKind.Bool => v.AsBool ? 1 : 0,
                        ValueKind.Int => v.AsInt,
                        _ => BitConverter.DoubleToInt64Bits(v.AsFloat),
                    };
                    var key = new Category(kind, bits, null);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                    break;
            }

            total++;
        }

        return total;
    }

    /// <summary>A cell's identity: its kind and exact value (floats by bit pattern, so 0.0 ≠ −0.0).</summary>
    internal readonly record struct Category(ValueKind Kind, long Bits, string? Text);
}
