using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vigil.Core.Values;

namespace Vigil.Core.Columns;

/// <summary>Typed read-only views over the column's storage, for readers that process whole columns at once.</summary>
public sealed partial class Column
{
    /// <summary>True when every cell has the column's one kind or is null (no per-cell kinds).</summary>
    public bool IsUniform => _kinds is null;

    /// <summary>The cells of a null-free Float column as doubles, without copying; false for any other column.</summary>
    public bool TryGetFloat64Span(out ReadOnlySpan<double> values)
    {
        if (_kinds is null && NullCount == 0 && _uniformKind == ValueKind.Float)
        {
            values = MemoryMarshal.Cast<long, double>(_payload.AsSpan(0, Length));
            return true;
        }

        values = default;
        return false;
    }

    /// <summary>The cells of a null-free Int column, without copying; false for any other column.</summary>
    public bool TryGetInt64Span(out ReadOnlySpan<long> values)
    {
        if (_kinds is null && NullCount == 0 && _uniformKind == ValueKind.Int)
        {
            values = _payload.AsSpan(0, Length);
            return true;
        }

        values = default;
        return false;
    }

    /// <summary>
    /// The codes into <see cref="Strings"/> of a uniform Str column (null cells hold an unspecified code: consult
    /// <see cref="NullMask"/>); false for any other column.
    /// </summary>
    public bool TryGetStringCodes(out ReadOnlySpan<long> codes)
    {
        if (_kinds is null && _uniformKind == ValueKind.Str)
        {
            codes = _payload.AsSpan(0, Length);
            return true;
        }

        codes = default;
        return false;
    }

    /// <summary>One bit per row (bit <c>row % 64</c> of word <c>row / 64</c>) set for null cells of a uniform column; empty when it has none or is not uniform.</summary>
    public ReadOnlySpan<ulong> NullMask => _kinds is null && _nullBits is not null ? _nullBits : default;

    /// <summary>
    /// Writes the finite numeric projections (Int, Float, Bool cells; the reference's <c>numeric()</c>) in row order
    /// to <paramref name="values"/> and, unless <paramref name="rows"/> is empty, each one's row to
    /// <paramref name="rows"/>; returns how many. Both spans need room for <see cref="Length"/> − <see cref="NullCount"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int CopyFiniteNumeric(Span<double> values, Span<int> rows)
    {
        bool withRows = !rows.IsEmpty;
        int n = 0;
        if (_kinds is null)
        {
            if (_uniformKind is not (ValueKind.Int or ValueKind.Float or ValueKind.Bool))
            {
                return 0;
            }

            ReadOnlySpan<long> payload = _payload.AsSpan(0, Length);
            ReadOnlySpan<ulong> nulls = _nullBits;
            for (int row = 0; row < payload.Length; row++)
            {
                if (!nulls.IsEmpty && (nulls[row >> 6] & (1UL << row)) != 0)
                {
                    continue;
                }

                double v = _uniformKind switch
                {
                    ValueKind.Int => payload[row],
                    ValueKind.Float => BitConverter.Int64BitsToDouble(payload[row]),
                    _ => payload[row] != 0 ? 1.0 : 0.0,
                };
                if (double.IsFinite(v))
                {
                    values[n] = v;
                    if (withRows)
                    {
                        rows[n] = row;
                    }

                    n++;
                }
            }

            return n;
        }

        for (int row = 0; row < Length; row++)
        {
            if (TryGetDouble(row, out double v) && double.IsFinite(v))
            {
                values[n] = v;
                if (withRows)
                {
                    rows[n] = row;
                }

                n++;
            }
        }

        return n;
    }
}
