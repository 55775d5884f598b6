using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Igtimi.Client.Data;
using Igtimi.Client.Races;
using Igtimi.Client.Races.Picture;
using Xunit;
using Xunit.Abstractions;

namespace Igtimi.Client.Tests.Races;

/// <summary>The race picture's maths (projection, simplification, alignment, VMG) and its size on a large race.</summary>
public sealed class RacePictureTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 15, 11, 0, 0, TimeSpan.Zero);
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly ITestOutputHelper _output;

    public RacePictureTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Simplify_keeps_the_ends_of_a_straight_line_and_every_corner_of_a_zigzag()
    {
        var x = Enumerable.Range(0, 1000).Select(i => (double)i).ToArray();
        Assert.Equal(new[] { 0, 999 }, TrackSimplifier.Simplify(x, x.Select(v => 2 * v).ToArray(), 0.5));
        var zx = new double[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 };
        var zy = new double[] { 0, 5, 10, 5, 0, 5, 10, 5, 0 };
        Assert.Equal(new[] { 0, 2, 4, 6, 8 }, TrackSimplifier.Simplify(zx, zy, 0.5));
    }

    [Fact]
    public void Simplify_leaves_no_point_further_than_the_tolerance_from_the_drawn_line()
    {
        var random = new Random(7);
        var n = 5000;
        double[] x = new double[n], y = new double[n];
        for (var i = 1; i < n; i++)
        {
            x[i] = x[i - 1] + random.NextDouble() - 0.3;
            y[i] = y[i - 1] + random.NextDouble() - 0.5;
        }
        var kept = TrackSimplifier.Simplify(x, y, 0.5);
        Assert.True(kept.Count < n / 2, $"{kept.Count} of {n} kept");
        for (var k = 0; k + 1 < kept.Count; k++)
        {
            for (var i = kept[k] + 1; i < kept[k + 1]; i++)
                Assert.True(Distance(x[i], y[i], x[kept[k]], y[kept[k]], x[kept[k + 1]], y[kept[k + 1]]) <= 0.5 + 1e-9, $"point {i}");
        }
    }

    private static double Distance(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        var t = len2 == 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
        return Math.Sqrt(Math.Pow(px - ax - t * dx, 2) + Math.Pow(py - ay - t * dy, 2));
    }

    [Fact]
    public void Projection_maps_the_centre_to_the_middle_and_a_hundredth_of_a_degree_north_to_1112_metres()
    {
        var p = RaceProjection.Fit(-36.85, -36.83, 174.79, 174.81, 1000, 40, out var height);
        Assert.Equal(500, p.X(174.80), 9);
        Assert.Equal(height / 2, p.Y(-36.84), 9);
        // 0.01° of latitude = 6371008.8 · π/180 · 0.01 = 1111.95 m; of longitude at 36.84° S, cos(36.84°) of that.
        Assert.Equal(1111.95, (p.Y(-36.84) - p.Y(-36.83)) / p.Scale, 2);
        Assert.Equal(1111.95 * Math.Cos(-36.84 * Math.PI / 180), (p.X(174.81) - p.X(174.80)) / p.Scale, 2);
        // The area is 2224 m high and 1780 m wide: the height is the width's at most, and the box fits with its margins.
        Assert.Equal(1000, height);
        Assert.True(p.Y(-36.83) >= 40 - 1e-9 && p.Y(-36.85) <= height - 40 + 1e-9);
    }

    [Fact]
    public void FromBlocks_aligns_SOG_in_knots_and_COG_to_the_positions_and_keeps_to_the_window()
    {
        var boat = new IgtimiRaceBoat { SerialNumber = "AA-AA-AAAA" };
        long t = T0.ToUnixTimeMilliseconds();
        var blocks = new[]
        {
            new IgtimiDataBlock(boat.SerialNumber, 1, 0, new[] { t - 1000, t, t + 1000, t + 2000 },
                new[] { new[] { 174.0, 174.1, double.NaN, 174.3 }, new[] { -36.0, -36.1, -36.2, -36.3 } }),
            new IgtimiDataBlock(boat.SerialNumber, 9, 0, new[] { t, t + 2400 }, new[] { new[] { 18.52, 9.26 } }),
            new IgtimiDataBlock(boat.SerialNumber, 6, 0, new[] { t + 2100 }, new[] { new[] { -90.0 } }),
        };
        var track = IgtimiRaceTrack.FromBlocks(boat, blocks, t, t + 5000);
        Assert.Equal(new[] { t, t + 2000 }, track.Times);
        Assert.Equal(new[] { -36.1, -36.3 }, track.Latitudes);
        Assert.Equal(10, track.SogKnots[0], 9);
        Assert.Equal(5, track.SogKnots[1], 9);
        Assert.True(double.IsNaN(track.CogDegrees[0]));
        Assert.Equal(270, track.CogDegrees[1], 9);
    }

    [Theory]
    [InlineData(200, 10)]
    [InlineData(20, -10)]
    [InlineData(290, 0)]
    [InlineData(245, 7.0711)]
    public void VMG_is_SOG_times_the_cosine_of_COG_minus_the_wind(double cog, double vmg)
    {
        var wind = new[] { new IgtimiManualWind { DirectionDegrees = 200, SpeedKnots = 12 } };
        var race = new IgtimiRace { Start = T0, End = T0.AddMinutes(1), ManualWind = wind };
        var track = new IgtimiRaceTrack(new IgtimiRaceBoat { SerialNumber = "AA-AA-AAAA" }, new[] { T0.ToUnixTimeMilliseconds() },
            new[] { -36.8 }, new[] { 174.8 }, new[] { 10.0 }, new[] { cog });
        Assert.Equal(vmg, RaceLayout.ComputeVmg(track, new RaceWind(race))![0], 4);
    }

    [Fact]
    public void Without_wind_the_page_has_no_VMG_plot_and_says_why()
    {
        var race = new IgtimiRace { Name = "No wind", Start = T0, End = T0.AddMinutes(10) };
        var picture = new IgtimiRacePicture(race, new[] { Track(0, 600, 1, new IgtimiRaceBoat { SerialNumber = "AA-AA-AAAA" }) });
        var html = Html(picture);
        Assert.DoesNotContain("id=\"vmg-plot\"", html);
        Assert.DoesNotContain("id=\"wind\"", html);
        Assert.Contains(picture.Notes, n => n.StartsWith("VMG is not shown: the race has no manual wind and no course direction", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_that_look_like_markup_stay_text_in_the_SVG_and_the_HTML()
    {
        const string name = "</script><b>\"Bad\" & 'worse'";
        var boat = new IgtimiRaceBoat { SerialNumber = "AA-AA-AAAA", BoatName = name };
        var race = new IgtimiRace { Name = name, Start = T0, End = T0.AddMinutes(10), Boats = new[] { boat } };
        var picture = new IgtimiRacePicture(race, new[] { Track(0, 600, 1, boat) });
        var svg = XDocument.Parse(Svgs(picture));
        Assert.Equal(name, svg.Descendants(Svg + "g").First(g => (string?)g.Attribute("class") == "track").Attribute("data-boat")!.Value);
        var html = Html(picture);
        Assert.Equal(2, Regex.Matches(html, "</script>").Count);
        Assert.DoesNotContain("<b>", html);
    }

    /// <summary>20 boats × 3 hours at 1 Hz: the page stays small, the drawing simplified, the slider at most 3,600 samples per boat.</summary>
    [Fact]
    public void A_race_of_20_boats_over_3_hours_at_1_Hz_draws_a_small_page_quickly()
    {
        var boats = Enumerable.Range(1, 20).Select(i => new IgtimiRaceBoat { SerialNumber = $"AA-AA-AA{(char)('A' + i)}A", BoatName = $"Boat {i}" }).ToList();
        var tracks = boats.Select((b, i) => Track(i, 3 * 3600, 1, b)).ToList();
        var race = new IgtimiRace
        {
            Name = "Big race", Start = T0, End = T0.AddHours(3), Boats = boats, CourseDirection = 200,
            Marks = new[] { new IgtimiRaceMark { Name = "Top", Latitude = -36.80, Longitude = 174.80 } },
        };
        var watch = Stopwatch.StartNew();
        var picture = new IgtimiRacePicture(race, tracks);
        var html = Html(picture);
        var svg = Svgs(picture);
        watch.Stop();
        var positions = tracks.Sum(t => t.Count);
        _output.WriteLine($"{positions:N0} positions, {picture.DrawnPointCount:N0} drawn; HTML {html.Length / 1e6:0.00} MB, SVG {svg.Length / 1e6:0.00} MB, " +
                          $"{watch.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(216_020, positions);
        Assert.True(picture.DrawnPointCount < positions / 5, $"{picture.DrawnPointCount} drawn");
        Assert.True(html.Length < 4_000_000, $"{html.Length} characters of HTML");
        Assert.Equal(20, Regex.Matches(svg, "<g class=\"track\"").Count);
        Assert.Equal(3000, picture.AnimationStep);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed}");
    }

    /// <summary>A boat sailing a zigzag upwind and back with a speed that varies, one position per step.</summary>
    private static IgtimiRaceTrack Track(int index, int seconds, int stepSeconds, IgtimiRaceBoat boat)
    {
        var n = seconds / stepSeconds + 1;
        var times = new long[n];
        double[] lat = new double[n], lon = new double[n], sog = new double[n], cog = new double[n];
        double la = -36.84 + index * 0.0002, lo = 174.80;
        for (var i = 0; i < n; i++)
        {
            times[i] = T0.ToUnixTimeMilliseconds() + i * stepSeconds * 1000L;
            var leg = i / 600 % 2 == 0 ? 1 : -1;
            var tack = i / 90 % 2 == 0 ? 1 : -1;
            sog[i] = 6 + 1.5 * Math.Sin(i / 40.0 + index);
            cog[i] = leg > 0 ? 200 + 45 * tack : 20 + 30 * tack;
            var metres = sog[i] * 0.514444 * stepSeconds;
            la += metres * Math.Cos(cog[i] * Math.PI / 180) / 111195;
            lo += metres * Math.Sin(cog[i] * Math.PI / 180) / (111195 * Math.Cos(la * Math.PI / 180));
            lat[i] = la;
            lon[i] = lo;
        }
        return new IgtimiRaceTrack(boat, times, lat, lon, sog, cog);
    }

    private static string Html(IgtimiRacePicture picture)
    {
        using var w = new StringWriter();
        picture.WriteHtml(w);
        return w.ToString();
    }

    private static string Svgs(IgtimiRacePicture picture)
    {
        using var w = new StringWriter();
        picture.WriteSvg(w);
        return w.ToString();
    }
}
