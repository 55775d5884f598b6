using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Igtimi.Client.Sailing
{
    /// <summary>One bin of a polar table: the boat's speed over ground while the true wind angle and speed were in the bin.</summary>
    public sealed class IgtimiPolarCell
    {
        public string SerialNumber { get; set; } = "";
        public string? BoatName { get; set; }

        /// <summary>The absolute true wind angle bin, degrees: [TwaFrom, TwaTo).</summary>
        public double TwaFrom { get; set; }
        public double TwaTo { get; set; }

        /// <summary>The true wind speed bin, knots: [TwsFrom, TwsTo).</summary>
        public double TwsFrom { get; set; }
        public double TwsTo { get; set; }

        public int Samples { get; set; }
        public double AverageSpeedKnots { get; set; }
        public double MaxSpeedKnots { get; set; }
    }

    /// <summary>A boat's polar table: speed by true wind angle (folded to 0–180°) and true wind speed bins.</summary>
    public sealed class IgtimiPolarTable
    {
        private readonly int[,] _count;
        private readonly double[,] _sum;
        private readonly double[,] _max;

        public IgtimiPolarTable(string serialNumber, string? boatName, double twaBinDegrees = 10, double twsBinKnots = 2, double maxTwsKnots = 40)
        {
            if (!(twaBinDegrees > 0) || !(twsBinKnots > 0) || !(maxTwsKnots > 0))
                throw new ArgumentOutOfRangeException(nameof(twaBinDegrees), "Bins must be wider than 0.");
            SerialNumber = serialNumber;
            BoatName = boatName;
            TwaBinDegrees = twaBinDegrees;
            TwsBinKnots = twsBinKnots;
            _count = new int[(int)Math.Ceiling(180 / twaBinDegrees), (int)Math.Ceiling(maxTwsKnots / twsBinKnots)];
            _sum = new double[_count.GetLength(0), _count.GetLength(1)];
            _max = new double[_count.GetLength(0), _count.GetLength(1)];
        }

        public string SerialNumber { get; }
        public string? BoatName { get; }
        public double TwaBinDegrees { get; }
        public double TwsBinKnots { get; }
        public int Samples { get; private set; }

        /// <summary>Adds one sample; NaN values and winds beyond the last bin are skipped.</summary>
        public void Add(double twaDegrees, double twsKnots, double speedKnots)
        {
            if (double.IsNaN(twaDegrees) || double.IsNaN(twsKnots) || double.IsNaN(speedKnots) || twsKnots < 0) return;
            var a = (int)(Math.Min(Math.Abs(twaDegrees), 179.999999) / TwaBinDegrees);
            var s = (int)(twsKnots / TwsBinKnots);
            if (a >= _count.GetLength(0) || s >= _count.GetLength(1)) return;
            _count[a, s]++;
            _sum[a, s] += speedKnots;
            if (speedKnots > _max[a, s]) _max[a, s] = speedKnots;
            Samples++;
        }

        /// <summary>The bins that hold samples, by wind angle then wind speed.</summary>
        public IReadOnlyList<IgtimiPolarCell> Cells
        {
            get
            {
                var cells = new List<IgtimiPolarCell>();
                for (var a = 0; a < _count.GetLength(0); a++)
                    for (var s = 0; s < _count.GetLength(1); s++)
                    {
                        if (_count[a, s] == 0) continue;
                        cells.Add(new IgtimiPolarCell
                        {
                            SerialNumber = SerialNumber,
                            BoatName = BoatName,
                            TwaFrom = a * TwaBinDegrees,
                            TwaTo = Math.Min(180, (a + 1) * TwaBinDegrees),
                            TwsFrom = s * TwsBinKnots,
                            TwsTo = (s + 1) * TwsBinKnots,
                            Samples = _count[a, s],
                            AverageSpeedKnots = _sum[a, s] / _count[a, s],
                            MaxSpeedKnots = _max[a, s],
                        });
                    }
                return cells;
            }
        }

        /// <summary>
        /// The table as CSV the way polars are read: a row per wind angle bin (its lower bound), a column per wind speed bin
        /// ("6-8" knots), the average boat speed in knots to two places; empty where no sample fell. Invariant culture.
        /// </summary>
        public string ToCsv()
        {
            var cells = Cells;
            var speeds = cells.Select(c => c.TwsFrom).Distinct().OrderBy(x => x).ToList();
            var angles = cells.Select(c => c.TwaFrom).Distinct().OrderBy(x => x).ToList();
            var byKey = cells.ToDictionary(c => (c.TwaFrom, c.TwsFrom));
            var text = new StringBuilder();
            text.Append("TWA");
            foreach (var s in speeds) text.Append(',').Append(F(s, "0.##")).Append('-').Append(F(s + TwsBinKnots, "0.##"));
            text.Append('\n');
            foreach (var a in angles)
            {
                text.Append(F(a, "0.##"));
                foreach (var s in speeds)
                {
                    text.Append(',');
                    if (byKey.TryGetValue((a, s), out var cell)) text.Append(F(cell.AverageSpeedKnots, "0.00"));
                }
                text.Append('\n');
            }
            return text.ToString();
        }

        private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

        public override string ToString() => $"{BoatName ?? SerialNumber}: {Samples} samples in {Cells.Count} bins";
    }
}
