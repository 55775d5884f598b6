namespace Igtimi.Emulator;

/// <summary>
/// The course of one regatta day, taken from the log of the day's first race: the leeward gate's middle,
/// the windward mark, the axis between them, the WindBots' spots and the race officer's wind.
/// </summary>
internal sealed record DayFrame(
    double Lat0,
    double Lon0,
    double AxisDeg,
    double LengthM,
    (double Lat, double Lon)[] WindSpots,
    double WindKmh,
    double WindFromDeg)
{
    public const double MetresPerDegree = 111_320.0;

    /// <summary>Frames by day index (0 = the regatta's first day).</summary>
    public static DayFrame[] Build(EmulatorWorld world)
    {
        int days = (int)Math.Round((world.RegattaEnd - world.RegattaStart).TotalDays);
        var frames = new DayFrame[days];
        for (int day = 0; day < days; day++)
        {
            var midnight = world.RegattaStart.AddDays(day);
            var race = world.Races.FirstOrDefault(r => r.StartTime >= midnight && r.StartTime < midnight.AddDays(1))
                ?? world.Races.First();
            frames[day] = FromLog(race);
        }
        return frames;
    }

    private static DayFrame FromLog(EmulatorSession race)
    {
        var objects = race.Log.Select(e => e.Data).OfType<EmulatorLogObject>().Select(o => o.Object).ToList();
        var buoys = objects.Where(o => o.Type == EmulatorRaceObjectType.Buoy).ToList();
        var windward = buoys.First(b => b.BuoyType == "mark");
        var gate = buoys.Where(b => b.BuoyType == "gate").ToList();
        double lat0 = gate.Average(b => b.Latitude!.Value);
        double lon0 = gate.Average(b => b.Longitude!.Value);
        double north = (windward.Latitude!.Value - lat0) * MetresPerDegree;
        double east = (windward.Longitude!.Value - lon0) * MetresPerDegree * Math.Cos(lat0 * Math.PI / 180);
        double axis = (Math.Atan2(east, north) * 180 / Math.PI + 360) % 360;
        var spots = objects.Where(o => o.Type == EmulatorRaceObjectType.Wind).Select(o => (o.Latitude!.Value, o.Longitude!.Value)).ToArray();
        var wind = race.Log.Select(e => e.Data).OfType<EmulatorLogManualWind>().First();
        return new DayFrame(lat0, lon0, axis, Math.Sqrt(north * north + east * east), spots, wind.StrengthKmh, wind.Direction);
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
