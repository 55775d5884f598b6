using System;
using System.Collections.Generic;

namespace Igtimi.Client.Races.Picture
{
    /// <summary>
    /// The wind the picture knows: the race's manual wind entries (each holds from its time until the next; one without a
    /// time holds from the start), else its course direction (the first leg's bearing, sailed into the wind) with no speed.
    /// </summary>
    internal sealed class RaceWind
    {
        private readonly List<(long Time, double Direction, double? Speed)> _entries = new List<(long, double, double?)>();

        public RaceWind(IgtimiRace race)
        {
            var start = race.Start.ToUnixTimeMilliseconds();
            foreach (var wind in race.ManualWind ?? Array.Empty<IgtimiManualWind>())
            {
                if (wind is null) continue;
                var direction = (double?)wind.DirectionDegrees;
                if (!direction.HasValue || !IgtimiRaceTrack.IsFinite(direction.Value)) continue;
                var time = (DateTimeOffset?)wind.Time;
                var speed = (double?)wind.SpeedKnots;
                _entries.Add((time?.ToUnixTimeMilliseconds() ?? start, Data.Angles.Normalize(direction.Value),
                    speed.HasValue && IgtimiRaceTrack.IsFinite(speed.Value) ? speed : null));
            }
            _entries.Sort((a, b) => a.Time.CompareTo(b.Time));
            if (_entries.Count > 0)
            {
                Source = _entries.Count == 1 ? "the manual wind of the race log" : $"the {_entries.Count} manual wind entries of the race log";
                return;
            }
            var course = (double?)race.CourseDirection;
            if (course.HasValue && IgtimiRaceTrack.IsFinite(course.Value))
            {
                _entries.Add((start, Data.Angles.Normalize(course.Value), null));
                Source = "the course direction (no wind speed known)";
            }
        }

        public bool Known => _entries.Count > 0;

        /// <summary>Where the wind comes from, in words (for the page's notes).</summary>
        public string? Source { get; }

        /// <summary>The direction the wind blows from at a time (degrees), or null.</summary>
        public double? DirectionAt(long time) => EntryAt(time)?.Direction;

        public (double Direction, double? Speed)? First => Known ? (_entries[0].Direction, _entries[0].Speed) : ((double, double?)?)null;

        private (long Time, double Direction, double? Speed)? EntryAt(long time)
        {
            if (_entries.Count == 0) return null;
            var at = _entries[0];
            for (var i = 1; i < _entries.Count && _entries[i].Time <= time; i++) at = _entries[i];
            return at;
        }
    }
}
