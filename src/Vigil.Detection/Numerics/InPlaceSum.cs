using Vigil.Core.Numerics;

namespace Vigil.Detection.Numerics;

/// <summary><c>det_sum</c> over a scratch span that may be reordered: no allocation, for per-row reductions.</summary>
internal static class InPlaceSum
{
    public static double Of(Span<double> scratch)
    {
        if (scratch.Length > 64)
        {
            TotalOrderSort.Sort(scratch);
        }
        else
        {
            TotalOrderSort.InsertionSort(scratch);
        }

        return Det.SumSorted(scratch);
    }
}
