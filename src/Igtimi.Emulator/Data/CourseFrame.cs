namespace Igtimi.Emulator;

/// <summary>
/// The course of one session, taken from its log: the leeward gate's middle, the windward mark, the axis between
/// them, the WindBots' spots and the race officer's wind. The fleet sails it from <see cref="FromMs"/> (halfway
/// between the previous session's end and this session's start) until the next session's frame takes over, so every
/// race is sailed, measured and logged in one wind.
/// </summary>
internal sealed record CourseFrame(
    long FromMs,
    double Lat0,
    double Lon0,
    double AxisDeg,
    double LengthM,
    (double Lat, double Lon)[] WindSpots,
    double WindKmh,
    double WindFromDeg)
{
    public const double MetresPerDegree = 111_320.0;

    /// <summary>One frame per session with a course in its log, in time order; the first one holds from the beginning of time.</summary>
    public static CourseFrame[] Build(EmulatorWorld world)
    {
        var sessions = world.Sessions.Where(HasCourse).OrderBy(s => s.StartTime).ToList();
        var frames = new CourseFrame[sessions.Count];
        for (int i = 0; i < sessions.Count; i++)
        {
            long from = long.MinValue;
            if (i > 0)
            {
                long previousEnd = (sessions[i - 1].EndTime ?? sessions[i - 1].StartTime).ToUnixTimeMilliseconds();
                long start = sessions[i].StartTime.ToUnixTimeMilliseconds();
                from = previousEnd + Math.Max(0, start - previousEnd) / 2;
            }
            frames[i] = FromLog(sessions[i], from);
        }
        return frames;
    }

    /// <summary>The frame the fleet sails at time <paramref name="ms"/>.</summary>
    public static CourseFrame At(CourseFrame[] frames, long ms)
    {
        int lo = 0, hi = frames.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (frames[mid].FromMs <= ms) lo = mid;
            else hi = mid - 1;
        }
        return frames[lo];
    }

    private static bool HasCourse(EmulatorSession session)
    {
        var objects = session.Log.Select(e => e.Data).OfType<EmulatorLogObject>().Select(o => o.Object).ToList();
        return objects.Any(o => o.BuoyType == "mark") && objects.Any(o => o.BuoyType == "gate")
            && session.Log.Any(e => e.Data is EmulatorLogManualWind);
    }

    private static CourseFrame FromLog(EmulatorSession session, long from)
    {
        var objects = session.Log.Select(e => e.Data).OfType<EmulatorLogObject>().Select(o => o.Object).ToList();
        var buoys = objects.Where(o => o.Type == EmulatorRaceObjectType.Buoy).ToList();
        var windward = buoys.First(b => b.BuoyType == "mark");
        var gate = buoys.Where(b => b.BuoyType == "gate").ToList();
        double lat0 = gate.Average(b => b.Latitude!.Value);
        double lon0 = gate.Average(b => b.Longitude!.Value);
        double north = (windward.Latitude!.Value - lat0) * MetresPerDegree;
        double east = (windward.Longitude!.Value - lon0) * MetresPerDegree * Math.Cos(lat0 * Math.PI / 180);
        double axis = (Math.Atan2(east, north) * 180 / Math.PI + 360) % 360;
        var spots = objects.Where(o => o.Type == EmulatorRaceObjectType.Wind).Select(o => (o.Latitude!.Value, o.Longitude!.Value)).ToArray();
        var wind = session.Log.Select(e => e.Data).OfType<EmulatorLogManualWind>().First();
        return new CourseFrame(from, lat0, lon0, axis, Math.Sqrt(north * north + east * east), spots, wind.StrengthKmh, wind.Direction);
    }

    /// <summary>Latitude and longitude of a point x metres to the right of the axis (looking upwind) and y metres up it.</summary>
    public (double Lat, double Lon) ToGeo(double x, double y)
    {
        double theta = AxisDeg * Math.PI / 180;
        var (sin, cos) = Math.SinCos(theta);
        double east = y * sin + x * cos;
        double north = y * cos - x * sin;
        double lat = Lat0 + north / MetresPerDegree;
        return (lat, Lon0 + east / (MetresPerDegree * Math.Cos(Lat0 * Math.PI / 180)));
    }
}
