using Igtimi.Client.Data;
using Igtimi.Client.Races;
using Igtimi.Client.Sailing;
using Xunit;

namespace Igtimi.Client.Tests.Sailing;

/// <summary>The sailing maths on vectors computed by hand (docs/design/sailing-metrics.md).</summary>
public class SailingMetricsTests
{
    [Fact]
    public void Head_to_wind_true_wind_is_apparent_minus_boat_speed()
    {
        // Heading and COG north at 5 kn, apparent 15 kn on the bow: the true wind is 10 kn from the north.
        var w = TrueWind.FromApparent(0, 15, 0, 5, 0);
        Assert.Equal(10, w.SpeedKnots, 9);
        Assert.Equal(0, w.DirectionDegrees, 6);
    }

    [Fact]
    public void Beam_apparent_wind_gives_a_3_4_5_triangle()
    {
        // North at 6 kn, apparent 8 kn from 90° (starboard beam): air moves (-8, 0), boat (0, 6): true air velocity (-8, 6),
        // 10 kn, from atan2(8, -6) = 126.87°; TWA = +126.87 (starboard).
        var w = TrueWind.FromApparent(90, 8, 0, 6, 0);
        Assert.Equal(10, w.SpeedKnots, 9);
        Assert.Equal(126.8699, w.DirectionDegrees, 3);
        Assert.Equal(126.8699, TrueWind.Angle(w.DirectionDegrees, 0), 3);
    }

    [Fact]
    public void True_wind_uses_heading_for_the_apparent_angle_and_COG_for_the_motion()
    {
        // Heading 90, AWA 270 (port beam): apparent from 0° at 10 kn, air moves (0, -10). The boat moves along COG 180 at 10 kn: (0, -10).
        // True air velocity (0, -20): 20 kn from the north.
        var w = TrueWind.FromApparent(270, 10, 90, 10, 180);
        Assert.Equal(20, w.SpeedKnots, 9);
        Assert.Equal(0, w.DirectionDegrees, 6);
        Assert.Equal(-90, TrueWind.Angle(0, 90), 9);
    }

    [Fact]
    public void A_calm_has_no_direction()
    {
        var w = TrueWind.FromApparent(0, 5, 0, 5, 0);
        Assert.Equal(0, w.SpeedKnots, 9);
        Assert.True(double.IsNaN(w.DirectionDegrees));
    }

    [Fact]
    public void Vmg_is_the_speed_component_towards_the_wind()
    {
        Assert.Equal(6 * Math.Cos(Math.PI / 4), TrueWind.Vmg(6, 45, 0), 9);
        Assert.Equal(-8 * Math.Cos(Math.PI / 6), TrueWind.Vmg(8, 150, 0), 9);
    }

    [Fact]
    public void Haversine_gives_one_nautical_mile_per_minute_of_latitude_on_the_mean_sphere()
    {
        // One minute of arc on a sphere of radius R: R·π/10800 = 1853.25 m.
        Assert.Equal(6371008.8 * Math.PI / 10800, GeoMath.Distance(0, 0, 1.0 / 60, 0), 6);
        Assert.Equal(90, GeoMath.Bearing(0, 0, 0, 1), 9);
        // The quarter meridian: R·π/2.
        Assert.Equal(6371008.8 * Math.PI / 2, GeoMath.Distance(0, 0, 90, 0), 3);
    }

    [Fact]
    public void Distance_to_a_segment_is_perpendicular_inside_and_to_the_end_outside()
    {
        var m = 6371008.8 * Math.PI / 180;
        // Segment from (0, -0.01) to (0, 0.01) along the equator; the point 0.001° north of its middle.
        Assert.Equal(0.001 * m, GeoMath.DistanceToSegment(0.001, 0, 0, -0.01, 0, 0.01), 3);
        Assert.Equal(0.01 * m, GeoMath.DistanceToSegment(0, 0.02, 0, -0.01, 0, 0.01), 3);
    }

    [Fact]
    public void Station_wind_interpolates_as_vectors_and_by_inverse_square_distance()
    {
        var a = Station("WB-A", 0, 0, 350, 10);
        var b = Station("WB-B", 0, 0.002, 10, 20);
        var field = new WindField(new[] { a, b }, null, 10_000);
        // Halfway between the stations the weights are equal: direction the mean unit vector of 350° and 10° (0°), speed the mean (15).
        var w = field.At(1000, 0, 0.001, out var fromStations);
        Assert.True(fromStations);
        Assert.Equal(0, Math.Min(w.DirectionDegrees, 360 - w.DirectionDegrees), 6);
        Assert.Equal(15, w.SpeedKnots, 6);
        // A quarter of the way from A: distances d and 3d, weights 9:1 → speed (9·10 + 1·20) / 10 = 11.
        var q = field.At(1000, 0, 0.0005, out _);
        Assert.Equal(11, q.SpeedKnots, 3);
    }

    [Fact]
    public void Manual_wind_holds_from_its_entry_and_stations_win_over_it()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(0);
        var manual = new[]
        {
            new IgtimiManualWind { Time = start.AddMinutes(10), DirectionDegrees = 200, SpeedKnots = 12 },
            new IgtimiManualWind { Time = start, DirectionDegrees = 180, SpeedKnots = 10 },
        };
        var field = new WindField(Array.Empty<WindStation>(), manual, 10_000);
        Assert.Equal(180, field.At(5 * 60_000, 0, 0, out var fromStations).DirectionDegrees);
        Assert.False(fromStations);
        Assert.Equal(200, field.At(11 * 60_000, 0, 0, out _).DirectionDegrees);
        Assert.False(new WindField(Array.Empty<WindStation>(), null, 1000).At(0, 0, 0, out _).IsKnown);
    }

    [Fact]
    public void Tacks_and_gybes_are_counted_with_hysteresis_and_settle_time()
    {
        // 1 Hz: starboard upwind (+45) for 60 s, tack to port (-45) through the bow, 60 s, bear away to port downwind (-150),
        // gybe through the stern to +150, then a wobble across the bow that comes back within 5 s (no manoeuvre).
        var twa = new List<double>();
        void Hold(double angle, int seconds) { for (var i = 0; i < seconds; i++) twa.Add(angle); }
        Hold(45, 60);
        twa.AddRange(new double[] { 30, 10, -10, -30 });
        Hold(-45, 60);
        Hold(-150, 60);
        twa.AddRange(new double[] { -170, 175, 160 });
        Hold(150, 60);
        Hold(45, 30);
        twa.AddRange(new double[] { 10, -20, -20, -20, 10 });
        Hold(45, 30);
        var times = Enumerable.Range(0, twa.Count).Select(i => i * 1000L).ToArray();
        var m = new ManoeuvreDetector().Detect(times, twa.ToArray());
        Assert.Equal(new[] { IgtimiManoeuvreKind.Tack, IgtimiManoeuvreKind.Gybe }, m.Select(x => x.Kind).ToArray());
        Assert.Equal(61_500, m[0].UnixTimeMilliseconds);
        Assert.Equal(30, m[0].TwaBefore); // the last sample still on starboard outside the dead zone
    }

    [Fact]
    public void Polar_bins_fold_the_angle_and_average_the_speed()
    {
        var polar = new IgtimiPolarTable("S", "Boat", 10, 2);
        polar.Add(-42, 7, 5);
        polar.Add(44, 7.9, 7);
        polar.Add(150, 11, 8);
        polar.Add(double.NaN, 7, 5);
        var cells = polar.Cells;
        Assert.Equal(2, cells.Count);
        Assert.Equal((40.0, 6.0, 2, 6.0, 7.0), (cells[0].TwaFrom, cells[0].TwsFrom, cells[0].Samples, cells[0].AverageSpeedKnots, cells[0].MaxSpeedKnots));
        Assert.Equal("TWA,6-8,10-12\n40,6.00,\n150,,8.00\n", polar.ToCsv());
    }

    [Fact]
    public void A_race_without_positions_or_wind_gives_warnings_and_nulls()
    {
        var warnings = new List<string>();
        var race = new IgtimiRace
        {
            Name = "R",
            Start = DateTimeOffset.FromUnixTimeMilliseconds(0),
            End = DateTimeOffset.FromUnixTimeMilliseconds(600_000),
            Boats = new[] { new IgtimiRaceBoat { SerialNumber = "A", BoatName = "Alpha" } },
        };
        var track = new IgtimiTrackData("A");
        track.Add(new IgtimiDataBlock("A", 9, 0, new long[] { 0, 1000 }, new[] { new double[] { 10, 20 } }));
        track.Seal();
        var result = new IgtimiRaceAnalyzer(null, warnings.Add).Analyze(race, new Dictionary<string, IgtimiTrackData> { ["A"] = track }, Array.Empty<string>());
        var s = Assert.Single(result.Summaries);
        Assert.Null(s.DistanceMetres);
        Assert.Null(s.UpwindVmgKnots);
        Assert.Null(s.Tacks);
        Assert.Equal(15, s.AverageSogKmh);
        Assert.Equal(20, s.TopSogKmh);
        Assert.Contains(warnings, w => w.Contains("no positions"));
        Assert.Contains(warnings, w => w.Contains("no wind"));
        Assert.Contains(warnings, w => w.Contains("no marks"));
    }

    [Fact]
    public void Legs_are_timed_at_the_closest_approach_and_the_start_line_distance_is_measured()
    {
        var m = 6371008.8 * Math.PI / 180;
        var race = new IgtimiRace
        {
            Name = "R",
            Start = DateTimeOffset.FromUnixTimeMilliseconds(0),
            End = DateTimeOffset.FromUnixTimeMilliseconds(1_000_000),
            Boats = new[] { new IgtimiRaceBoat { SerialNumber = "A" } },
            Marks = new[]
            {
                new IgtimiRaceMark { Name = "Boat", Latitude = 0, Longitude = 0.001, BuoyType = "start_boat" },
                new IgtimiRaceMark { Name = "Pin", Latitude = 0, Longitude = -0.001, BuoyType = "start_pin" },
                new IgtimiRaceMark { Name = "Top", Latitude = 0.01, Longitude = 0, BuoyType = "mark" },
            },
            Course = new[] { "Boat", "Top" },
        };
        var track = new IgtimiTrackData("A");
        // 100 m below the line at the signal, then north 10 m per second: 1212 m to the top mark at t = 121.2 s; samples every second.
        for (var i = 0; i <= 200; i++) track.AddPosition(i * 1000L, (-100 + 10 * i) / m, 0);
        track.Seal();
        var s = new IgtimiRaceAnalyzer().Analyze(race, new Dictionary<string, IgtimiTrackData> { ["A"] = track }, Array.Empty<string>()).Summaries[0];
        Assert.Equal(100, s.StartLineDistanceMetres!.Value, 3);
        var leg = Assert.Single(s.Legs);
        Assert.Equal("Top", leg.To);
        Assert.Equal(121_000, leg.End.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.FromSeconds(121), s.ElapsedTime);
        Assert.Equal(1210, leg.DistanceMetres, 1);
    }

    private static WindStation Station(string serial, double lat, double lon, double twd, double aws)
    {
        var t = new IgtimiTrackData(serial);
        t.Add(new IgtimiDataBlock(serial, 1, 0, new long[] { 0, 2000 }, new[] { new[] { lon, lon }, new[] { lat, lat } }));
        t.Add(new IgtimiDataBlock(serial, 11, 0, new long[] { 0, 2000 }, new[] { new[] { twd, twd } }));
        var kmh = aws * IgtimiDataPoint.KmhPerKnot;
        t.Add(new IgtimiDataBlock(serial, 12, 0, new long[] { 0, 2000 }, new[] { new[] { kmh, kmh } }));
        t.Seal();
        return WindStation.From(t, 10_000)!;
    }
}
