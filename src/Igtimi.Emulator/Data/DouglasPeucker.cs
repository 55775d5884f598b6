namespace Igtimi.Emulator;

/// <summary>
/// Douglas–Peucker line simplification in plain degrees (x = longitude, y = latitude), as the GPS compression
/// of <c>resources/data</c> (<c>types[1]=&lt;tolerance&gt;</c>): keeps the first and last point and every point
/// whose distance to the simplified line exceeds the tolerance.
/// </summary>
public static class DouglasPeucker
{
    /// <summary>The indexes of the kept points, ascending. Iterative, so long tracks do not exhaust the stack.</summary>
    public static IReadOnlyList<int> Simplify(IReadOnlyList<double> x, IReadOnlyList<double> y, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException("x and y must have the same length.", nameof(y));
        int n = x.Count;
        if (n <= 2 || !(tolerance > 0))
            return Enumerable.Range(0, n).ToArray();

        var keep = new bool[n];
        keep[0] = keep[n - 1] = true;
        var stack = new Stack<(int First, int Last)>();
        stack.Push((0, n - 1));
        while (stack.Count > 0)
        {
            var (first, last) = stack.Pop();
            double maxDistance = -1;
            int index = -1;
            for (int i = first + 1; i < last; i++)
            {
                double d = SegmentDistance(x[i], y[i], x[first], y[first], x[last], y[last]);
                if (d > maxDistance)
                {
                    maxDistance = d;
                    index = i;
                }
            }
            if (index >= 0 && maxDistance > tolerance)
            {
                keep[index] = true;
                stack.Push((first, index));
                stack.Push((index, last));
            }
        }

        var kept = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (keep[i])
                kept.Add(i);
        }
        return kept;
    }

    /// <summary>Distance from (px, py) to the segment (ax, ay)–(bx, by).</summary>
    public static double SegmentDistance(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        double u = lengthSquared == 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / lengthSquared, 0, 1);
        double cx = ax + u * dx - px, cy = ay + u * dy - py;
        return Math.Sqrt(cx * cx + cy * cy);
    }
}
