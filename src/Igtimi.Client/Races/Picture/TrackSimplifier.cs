using System;
using System.Collections.Generic;

namespace Igtimi.Client.Races.Picture
{
    /// <summary>
    /// Douglas–Peucker line simplification on screen coordinates: the indices of the points to keep so that no dropped
    /// point is further than the tolerance from the drawn line. Iterative, so a long track cannot overflow the stack.
    /// </summary>
    public static class TrackSimplifier
    {
        public static List<int> Simplify(double[] x, double[] y, double tolerance)
        {
            var n = x.Length;
            var keep = new bool[n];
            var result = new List<int>();
            if (n == 0) return result;
            keep[0] = keep[n - 1] = true;
            var stack = new Stack<(int From, int To)>();
            if (n > 2) stack.Push((0, n - 1));
            var tol2 = tolerance * tolerance;
            while (stack.Count > 0)
            {
                var (from, to) = stack.Pop();
                double ax = x[from], ay = y[from], dx = x[to] - ax, dy = y[to] - ay;
                var len2 = dx * dx + dy * dy;
                var worst = -1.0;
                var at = -1;
                for (var i = from + 1; i < to; i++)
                {
                    double px = x[i] - ax, py = y[i] - ay, d2;
                    if (len2 == 0) d2 = px * px + py * py;
                    else
                    {
                        var t = Math.Max(0, Math.Min(1, (px * dx + py * dy) / len2));
                        double qx = px - t * dx, qy = py - t * dy;
                        d2 = qx * qx + qy * qy;
                    }
                    if (d2 > worst) { worst = d2; at = i; }
                }
                if (at < 0 || worst <= tol2) continue;
                keep[at] = true;
                if (at - from > 1) stack.Push((from, at));
                if (to - at > 1) stack.Push((at, to));
            }
            for (var i = 0; i < n; i++) if (keep[i]) result.Add(i);
            return result;
        }
    }
}
