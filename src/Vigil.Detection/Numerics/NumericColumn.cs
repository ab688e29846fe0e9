using System.Runtime.CompilerServices;
using Vigil.Core.Columns;

namespace Vigil.Detection.Numerics;

/// <summary>The finite numeric projections of a column in row order, with the row each came from.</summary>
internal sealed class NumericColumn
{
    private NumericColumn(double[] values, int[] rows)
    {
        Values = values;
        Rows = rows;
    }

    public double[] Values { get; }

    public int[] Rows { get; }

    public int Count => Values.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NumericColumn Of(Column column)
    {
        int length = column.Length;
        var values = new double[length];
        var rows = new int[length];
        int n = 0;
        for (int row = 0; row < length; row++)
        {
            if (column.TryGetDouble(row, out double v) && double.IsFinite(v))
            {
                values[n] = v;
                rows[n] = row;
                n++;
            }
        }

        return n == length ? new NumericColumn(values, rows) : new NumericColumn(values[..n], rows[..n]);
    }
}
