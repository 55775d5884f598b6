using System.Text.Json;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>
/// The emulator's world agrees with itself in every race: the wind its log gives is the wind its WindBots read and the wind
/// its boats tack through, its windward mark lies upwind of its start line, and <c>/_emulator/races/{id}/manoeuvres</c>
/// lists the tacks and gybes the boats' headings show.
/// </summary>
public class RaceConsistencyTests : IClassFixture<RegattaEmulatorFixture>
{
    private const string Owner = EmulatorCredentials.OwnerToken;
    private readonly RegattaEmulatorFixture _emu;

    public RaceConsistencyTests(RegattaEmulatorFixture emulator) => _emu = emulator;

    private EmulatorWorld World => _emu.World;

    private FleetData Data => _emu.Emulator.Data;

    public static TheoryData<int> RaceIndexes()
    {
        var data = new TheoryData<int>();
        // Seed 1 has 11 races; the world test below holds the count, so a change of the schedule cannot hide races.
        for (int i = 0; i < 11; i++) data.Add(i);
        return data;
    }

    [Fact]
    public void The_regatta_has_the_races_these_tests_cover_and_their_winds_differ()
    {
        Assert.Equal(11, World.Races.Count);
        Assert.True(World.Races.Select(LoggedWind).Distinct().Count() > 5, "the races should not all share one wind");
    }

    [Theory]
    [MemberData(nameof(RaceIndexes))]
    public void The_windbots_read_the_logged_wind(int index)
    {
        var race = World.Races[index];
        double logged = LoggedWind(race);
        foreach (var windBot in World.WindBots)
        {
            var awa = Data.Samples(windBot, 11, Ms(race.StartTime), Ms(race.EndTime!.Value)).Select(s => s.Values[0]).ToList();
            Assert.True(awa.Count > 2000, $"{windBot.Name} has {awa.Count} AWA samples in {race.Name}");
            double mean = CircularMean(awa);
            Assert.True(AngleBetween(mean, logged) < 3, $"{race.Name}: {windBot.Name} reads {mean:0.0}° on average, the log says {logged}°");
        }
    }

    [Theory]
    [MemberData(nameof(RaceIndexes))]
    public void The_boats_tack_through_the_logged_wind(int index)
    {
        var race = World.Races[index];
        double logged = LoggedWind(race);
        var manoeuvres = Data.Manoeuvres(race);
        foreach (var boat in World.YachtBots)
        {
            var tacks = manoeuvres.Where(m => m.Device == boat && m.Kind == "tack").Select(m => Ms(m.Time)).ToList();
            Assert.True(tacks.Count >= 4, $"{boat.Name} tacks {tacks.Count} times in {race.Name}");
            var headings = Data.Samples(boat, 8, Ms(race.StartTime), Ms(race.EndTime!.Value)).ToList();
            // Between two tacks less than a leg apart the boat sails one upwind board; boards on the tack of the first board go
            // to one group, the others (some 80° away) to the other.
            var boards = new List<double>[2] { [], [] };
            double? first = null;
            for (int k = 0; k + 1 < tacks.Count; k++)
            {
                if (tacks[k + 1] - tacks[k] > 400_000)
                    continue;
                var inner = headings.Where(s => s.Time > tacks[k] + 5000 && s.Time < tacks[k + 1] - 5000).Select(s => s.Values[0]).ToList();
                double mean = CircularMean(inner);
                first ??= mean;
                boards[AngleBetween(mean, first.Value) < 40 ? 0 : 1].AddRange(inner);
            }
            Assert.All(boards, b => Assert.True(b.Count > 100, $"{boat.Name} in {race.Name}: a board with {b.Count} samples"));
            double one = CircularMean(boards[0]), other = CircularMean(boards[1]);
            double tackAngle = AngleBetween(one, other);
            Assert.InRange(tackAngle, 70, 95);
            double bisector = CircularMean([one, other]);
            Assert.True(AngleBetween(bisector, logged) < 3,
                $"{race.Name}: {boat.Name} sails {one:0.0}° and {other:0.0}°, bisected by {bisector:0.0}°; the log says {logged}°");
        }
    }

    [Theory]
    [MemberData(nameof(RaceIndexes))]
    public void The_windward_mark_is_upwind_of_the_start_line(int index)
    {
        var race = World.Races[index];
        var buoys = race.Log.Select(e => e.Data).OfType<EmulatorLogObject>().Select(o => o.Object).ToList();
        var windward = buoys.Single(b => b.BuoyType == "mark");
        var pin = buoys.Single(b => b.BuoyType == "start_pin");
        var committee = buoys.Single(b => b.BuoyType == "start_boat");
        double lat = (pin.Latitude!.Value + committee.Latitude!.Value) / 2, lon = (pin.Longitude!.Value + committee.Longitude!.Value) / 2;
        double north = (windward.Latitude!.Value - lat) * 111_320;
        double east = (windward.Longitude!.Value - lon) * 111_320 * Math.Cos(lat * Math.PI / 180);
        double bearing = (Math.Atan2(east, north) * 180 / Math.PI + 360) % 360;
        Assert.True(AngleBetween(bearing, LoggedWind(race)) < 2, $"{race.Name}: the windward mark bears {bearing:0.0}° from the start");
        Assert.InRange(Math.Sqrt(north * north + east * east), 1500, 2100);
        var course = race.Log.Select(e => e.Data).OfType<EmulatorLogCourseDirection>().Single();
        Assert.Equal(LoggedWind(race), course.Direction);
    }

    [Fact]
    public async Task The_manoeuvres_endpoint_lists_what_the_headings_show()
    {
        var race = World.Races[1];
        string body = await _emu.GetTextAsync(Owner, $"_emulator/races/{race.Id}/manoeuvres");
        var list = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        Assert.Equal(body, await _emu.GetTextAsync(Owner, $"_emulator/races/{race.Id}/manoeuvres"));
        Assert.Equal(Data.Manoeuvres(race).Count, list.Count);
        Assert.Equal(World.YachtBots.Select(b => b.SerialNumber).ToHashSet(), list.Select(m => m.GetProperty("serial").GetString()!).ToHashSet());
        double wind = LoggedWind(race);
        long previous = 0;
        foreach (var m in list)
        {
            long t = m.GetProperty("time_ms").GetInt64();
            Assert.True(t >= previous);
            previous = t;
            Assert.InRange(t, Ms(race.StartTime), Ms(race.EndTime!.Value));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(t), DateTimeOffset.Parse(m.GetProperty("time").GetString()!));
            var boat = World.FindDevice(m.GetProperty("serial").GetString()!)!;
            string kind = m.GetProperty("kind").GetString()!;
            // The boat's own heading samples 4 s either side: a tack turns the bow through the wind, a gybe the stern.
            double before = Data.Samples(boat, 8, t - 4499, t - 3500).Single().Values[0];
            double after = Data.Samples(boat, 8, t + 3500, t + 4499).Single().Values[0];
            double through = kind == "tack" ? wind : (wind + 180) % 360;
            Assert.True(kind is "tack" or "gybe");
            Assert.True(AngleBetween(before, through) < 50 && AngleBetween(after, through) < 50 && AngleBetween(before, after) > 50,
                $"{kind} of {boat.Name} at {m.GetProperty("time").GetString()}: {before}° → {after}°, wind from {wind}°");
            Assert.True(AngleBetween(m.GetProperty("heading_before").GetDouble(), before) < 5);
            Assert.True(AngleBetween(m.GetProperty("heading_after").GetDouble(), after) < 5);
        }
        int tacks = list.Count(m => m.GetProperty("kind").GetString() == "tack"), gybes = list.Count - tacks;
        Assert.InRange(tacks, 2 * gybes - 24, 2 * gybes + 24);

        using var missing = await _emu.Http.GetAsync("_emulator/races/1/manoeuvres");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static double LoggedWind(EmulatorSession race) => race.Log.Select(e => e.Data).OfType<EmulatorLogManualWind>().Single().Direction;

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static double CircularMean(IEnumerable<double> degrees)
    {
        double x = 0, y = 0;
        foreach (double d in degrees)
        {
            x += Math.Cos(d * Math.PI / 180);
            y += Math.Sin(d * Math.PI / 180);
        }
        return (Math.Atan2(y, x) * 180 / Math.PI + 360) % 360;
    }

    private static double AngleBetween(double a, double b)
    {
        double d = Math.Abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }
}
