using System;
using System.Collections.Generic;
using Igtimi.Client.Http;

namespace Igtimi.Client.Sailing
{
    public enum IgtimiManoeuvreKind
    {
        /// <summary>The bow passed through the wind.</summary>
        Tack,
        /// <summary>The stern passed through the wind.</summary>
        Gybe,
    }

    /// <summary>A tack or gybe: when the heading crossed the wind, and the true wind angles either side.</summary>
    public sealed class IgtimiManoeuvre
    {
        public IgtimiManoeuvre(IgtimiManoeuvreKind kind, long unixTimeMilliseconds, double twaBefore, double twaAfter)
        {
            Kind = kind;
            UnixTimeMilliseconds = unixTimeMilliseconds;
            TwaBefore = twaBefore;
            TwaAfter = twaAfter;
        }

        public IgtimiManoeuvreKind Kind { get; }
        public long UnixTimeMilliseconds { get; }
        public DateTimeOffset Time => UnixTime.FromMilliseconds(UnixTimeMilliseconds);

        /// <summary>The signed true wind angle on the old side, when that side was last held (positive: starboard tack).</summary>
        public double TwaBefore { get; }

        /// <summary>The signed true wind angle on the new side, when it was confirmed.</summary>
        public double TwaAfter { get; }

        public override string ToString() => $"{Kind} at {Time.UtcDateTime:HH:mm:ss}";
    }

    /// <summary>
    /// Tacks and gybes from the signed true wind angle (docs/design/sailing-metrics.md section 6). A side (starboard: TWA in
    /// [H, 180 − H], port: the mirror) is established once held for the settle time; TWA within H of the bow or the stern
    /// decides nothing. A change of established side is one manoeuvre, dated at the last crossing of the wind before it, and is a
    /// tack when that crossing went through the bow, a gybe when through the stern. Going back within the settle time counts as none.
    /// </summary>
    public sealed class ManoeuvreDetector
    {
        public double HysteresisDegrees { get; set; } = 15;
        public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Samples further apart than this break the crossing record: a gap in the data is not a manoeuvre's crossing.</summary>
        public TimeSpan MaxGap { get; set; } = TimeSpan.FromSeconds(30);

        /// <param name="times">Sample times, ms, ascending.</param>
        /// <param name="twa">Signed true wind angles in (−180, 180]; NaN where the wind or heading is unknown.</param>
        public IReadOnlyList<IgtimiManoeuvre> Detect(long[] times, double[] twa)
        {
            if (times is null) throw new ArgumentNullException(nameof(times));
            if (twa is null) throw new ArgumentNullException(nameof(twa));
            var result = new List<IgtimiManoeuvre>();
            var h = HysteresisDegrees;
            var settle = (long)SettleTime.TotalMilliseconds;
            var maxGap = (long)MaxGap.TotalMilliseconds;
            int established = 0, candidate = 0;
            long candidateSince = 0;
            double lastEstablishedTwa = double.NaN;
            long crossingTime = -1;
            var crossingThroughBow = false;
            double previous = double.NaN;
            long previousTime = 0;
            for (var i = 0; i < times.Length; i++)
            {
                var a = twa[i];
                if (double.IsNaN(a)) continue;
                var t = times[i];
                if (!double.IsNaN(previous) && t - previousTime <= maxGap && Math.Sign(previous) != Math.Sign(a) && previous != 0 && a != 0)
                {
                    // Between the two samples the heading crossed the wind: through the bow when the two angles lie within 180° of each other
                    // across 0 (|before| + |after| < 180), else through the stern.
                    crossingTime = previousTime + (t - previousTime) / 2;
                    crossingThroughBow = Math.Abs(previous) + Math.Abs(a) < 180;
                }
                else if (!double.IsNaN(previous) && t - previousTime > maxGap)
                {
                    crossingTime = -1;
                }
                previous = a;
                previousTime = t;

                var abs = Math.Abs(a);
                var side = abs >= h && abs <= 180 - h ? Math.Sign(a) : 0;
                if (side == 0) continue;
                if (side == established)
                {
                    candidate = 0;
                    lastEstablishedTwa = a;
                    continue;
                }
                if (side != candidate)
                {
                    candidate = side;
                    candidateSince = t;
                }
                if (t - candidateSince < settle) continue;
                if (established != 0 && crossingTime >= 0)
                {
                    result.Add(new IgtimiManoeuvre(crossingThroughBow ? IgtimiManoeuvreKind.Tack : IgtimiManoeuvreKind.Gybe, crossingTime,
                        lastEstablishedTwa, a));
                }
                established = side;
                candidate = 0;
                lastEstablishedTwa = a;
                crossingTime = -1;
            }
            return result;
        }
    }
}
