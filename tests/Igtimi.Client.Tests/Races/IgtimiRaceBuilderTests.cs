using System.Text;
using Igtimi.Client.Dialects.IgtimiCom;
using Igtimi.Client.Models;
using Igtimi.Client.Races;
using Igtimi.Client.Tests.Emulator;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Races;

public class IgtimiRaceBuilderTests : IClassFixture<RegattaEmulatorFixture>
{
    private readonly RegattaEmulatorFixture _emu;

    public IgtimiRaceBuilderTests(RegattaEmulatorFixture emulator) => _emu = emulator;

    private static readonly DateTimeOffset Start = new(2020, 2, 21, 9, 0, 0, TimeSpan.Zero);

    private static IgtimiSession Session(DateTimeOffset? end = null) => new()
    {
        Id = 17315, Name = "Test Race", StartTime = Start, EndTime = end ?? Start.AddMinutes(45),
    };

    private static string Entry(long id, string minute, string data) =>
        $"<log_entry><id>{id}</id><created_at>2020-02-21T08:{minute}:00.000Z</created_at><data>{data}</data></log_entry>";

    private static string Object(string id, string content) =>
        $"<object_data><object_id>{id}</object_id><object_content>{content}</object_content></object_data>";

    private static string Position(double lat, double lon) =>
        FormattableString.Invariant($"<positions><position><latitude>{lat}</latitude><longitude>{lon}</longitude></position></positions>");

    private static IReadOnlyList<IgtimiSessionLogEntry> Log(params string[] entries) =>
        SessionLogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(
            "<session><content><log>" + string.Concat(entries) + "</log></content></session>")), 17315);

    [Fact]
    public void Joins_boats_to_devices_and_reads_marks_wind_and_course()
    {
        var log = Log(
            Entry(1, "10", "<metadata><manual_wind><strength>22.224</strength><direction>250</direction></manual_wind></metadata>"),
            Entry(2, "10", "<metadata><course_direction>-110</course_direction></metadata>"),
            Entry(3, "11", Object("10", "<type>buoy</type><name>Windward mark</name><buoy_type>mark</buoy_type>" + Position(-36.80, 174.70))),
            Entry(4, "11", Object("11", "<type>buoy</type><name>Gate left</name><buoy_type>gate</buoy_type><connected_buoy>12</connected_buoy>"
                                        + Position(-36.82, 174.71))),
            Entry(5, "11", Object("12", "<type>buoy</type><name>Bottom right</name><buoy_type>gate</buoy_type>" + Position(-36.82, 174.72))),
            Entry(6, "11", Object("13", "<type>buoy</type><name>RC</name><buoy_type>start_boat</buoy_type>" + Position(-36.81, 174.70))),
            Entry(7, "11", Object("14", "<type>buoy</type><name>Pin</name><buoy_type>start_pin</buoy_type>" + Position(-36.81, 174.69))),
            Entry(8, "12", Object("20", "<type>yacht</type><name>Petrel</name><boat_number>120</boat_number><crew>A, B</crew><country>NZL</country>"
                                        + "<color>#ff0000</color>")),
            Entry(9, "12", Object("21", "<type>wind</type><name>Wind top</name>" + Position(-36.80, 174.70))),
            Entry(10, "13", "<device><object_id>20</object_id><serial_number>FA-KK-AAHP</serial_number></device>"),
            Entry(11, "13", "<device><object_id>21</object_id><serial_number>DC-GD-AADE</serial_number></device>"),
            Entry(12, "14", "<metadata><manual_wind><strength>18.52</strength><direction>260</direction></manual_wind></metadata>"),
            // The windward mark is moved: the later position counts.
            Entry(13, "15", Object("10", "<type>buoy</type><name>Windward mark</name><buoy_type>mark</buoy_type>" + Position(-36.79, 174.70))),
            Entry(14, "15", "<metadata><course><mark>Windward mark</mark><mark>Gate left</mark><mark>Windward mark</mark></course></metadata>"));
        var warnings = new List<string>();

        var race = IgtimiRaceBuilder.Build(Session(), log, warnings.Add);

        Assert.Empty(warnings);
        Assert.Equal("Test Race", race.Name);
        Assert.Equal(17315, race.SessionId);
        Assert.Equal(Start, race.Start);
        Assert.Equal(TimeSpan.FromMinutes(45), race.Duration);
        var boat = Assert.Single(race.Boats);
        Assert.Equal(("FA-KK-AAHP", "Petrel", "120", "A, B", "NZL", "#ff0000"),
            (boat.SerialNumber, boat.BoatName, boat.SailNumber, boat.Crew, boat.Country, boat.Colour));
        Assert.Equal(new[] { "Windward mark", "Gate left", "Bottom right", "RC", "Pin" }, race.Marks.Select(m => m.Name));
        Assert.Equal(new[] { IgtimiMarkRole.Windward, IgtimiMarkRole.Gate, IgtimiMarkRole.Leeward, IgtimiMarkRole.CommitteeBoat, IgtimiMarkRole.StartPin },
            race.Marks.Select(m => m.Role));
        Assert.Equal(-36.79, race.Marks[0].Latitude);
        Assert.Equal("Bottom right", race.Marks[1].ConnectedMark);
        var sensor = Assert.Single(race.WindSensors);
        Assert.Equal(("Wind top", "DC-GD-AADE", -36.80), (sensor.Name, sensor.SerialNumber, sensor.Latitude!.Value));
        Assert.Equal(250, race.CourseDirection);
        Assert.Equal(new[] { "Windward mark", "Gate left", "Windward mark" }, race.Course);
        Assert.Equal(2, race.ManualWind.Count);
        Assert.Equal(12.0, race.ManualWind[0].SpeedKnots!.Value, 9);
        Assert.Equal(250, race.ManualWind[0].DirectionDegrees);
        Assert.Equal(new DateTimeOffset(2020, 2, 21, 8, 10, 0, TimeSpan.Zero), race.ManualWind[0].Time);
        Assert.Equal(10.0, race.ManualWind[1].SpeedKnots!.Value, 9);
        Assert.Equal(new[] { "FA-KK-AAHP" }, race.SerialNumbers);
        Assert.Same(boat, race.FindBoat("fa-kk-aahp"));
    }

    [Fact]
    public void Leaves_out_what_the_log_gets_wrong_with_a_warning_and_never_guesses()
    {
        var log = Log(
            Entry(1, "10", "<metadata><manual_wind><strength>20</strength></manual_wind></metadata>"),
            Entry(2, "10", "<metadata><manual_wind><strength>-5</strength><direction>90</direction></manual_wind></metadata>"),
            Entry(3, "11", Object("10", "<type>buoy</type><name>Lost mark</name><buoy_type>mark</buoy_type>")),
            Entry(4, "12", Object("20", "<type>yacht</type><name>No device</name>")),
            Entry(5, "13", "<device><object_id>99</object_id><serial_number>FA-KK-AAHP</serial_number></device>"),
            Entry(6, "13", "<device><object_id>98</object_id><serial_number>FA-KK-AAHP</serial_number></device>"),
            Entry(7, "13", "<device><object_id>97</object_id></device>"));
        var warnings = new List<string>();

        var race = IgtimiRaceBuilder.Build(Session(), log, warnings.Add);

        var boat = Assert.Single(race.Boats);
        Assert.Equal("FA-KK-AAHP", boat.SerialNumber);
        Assert.Null(boat.BoatName);
        Assert.Empty(race.Marks);
        Assert.Null(race.CourseDirection);
        Assert.Empty(race.Course);
        var wind = Assert.Single(race.ManualWind);
        Assert.Equal(90, wind.DirectionDegrees);
        Assert.Null(wind.SpeedKnots);
        Assert.Contains(warnings, w => w.Contains("has no direction"));
        Assert.Contains(warnings, w => w.Contains("impossible strength"));
        Assert.Contains(warnings, w => w.Contains("'Lost mark'") && w.Contains("no position"));
        Assert.Contains(warnings, w => w.Contains("'No device'") && w.Contains("linked to no device"));
        Assert.Contains(warnings, w => w.Contains("does not describe"));
        Assert.Contains(warnings, w => w.Contains("linked twice"));
        Assert.Contains(warnings, w => w.Contains("names no serial number"));
        Assert.Contains(warnings, w => w.Contains("places no mark"));
    }

    [Fact]
    public void A_session_still_running_is_not_a_race()
    {
        var session = new IgtimiSession { Id = 5, Name = "Live", StartTime = Start };
        var ex = Assert.Throws<ArgumentException>(() => IgtimiRaceBuilder.Build(session, Array.Empty<IgtimiSessionLogEntry>()));
        Assert.Contains("not ended", ex.Message);
    }

    [Theory]
    [InlineData("start_pin", "x", IgtimiMarkRole.StartPin)]
    [InlineData("start_boat", "x", IgtimiMarkRole.CommitteeBoat)]
    [InlineData("finish_pin", "x", IgtimiMarkRole.FinishPin)]
    [InlineData("finish_boat", "x", IgtimiMarkRole.FinishBoat)]
    [InlineData("mark", "Top mark", IgtimiMarkRole.Windward)]
    [InlineData("mark", "Bottom mark", IgtimiMarkRole.Leeward)]
    [InlineData("gate", "Leeward gate port", IgtimiMarkRole.Leeward)]
    [InlineData("mark", "Offset", IgtimiMarkRole.Offset)]
    [InlineData("mark", "Mark 2", IgtimiMarkRole.Mark)]
    [InlineData("gate", "Gate 2", IgtimiMarkRole.Gate)]
    [InlineData("lighthouse", "Windward", IgtimiMarkRole.Unknown)]
    [InlineData(null, "Windward", IgtimiMarkRole.Unknown)]
    public void Mark_roles_come_from_the_buoy_type_then_the_name(string? buoyType, string name, IgtimiMarkRole role) =>
        Assert.Equal(role, IgtimiRaceBuilder.RoleOf(buoyType, name));

    [Fact]
    public void A_race_without_a_session_checks_its_window_and_boats()
    {
        var race = IgtimiRace.Create(null, Start, Start.AddMinutes(30), new[] { "FA-KK-AAHP", "DC-GD-AADE" }, new[] { "Aurora" });
        Assert.Equal("Race 2020-02-21 09:00", race.Name);
        Assert.Null(race.SessionId);
        Assert.Equal(new string?[] { "Aurora", null }, race.Boats.Select(b => b.BoatName));
        Assert.Equal("DC-GD-AADE", race.Boats[1].DisplayName);
        Assert.Throws<ArgumentException>(() => IgtimiRace.Create("x", Start, Start.AddSeconds(-1), new[] { "FA-KK-AAHP" }));
        Assert.Throws<ArgumentException>(() => IgtimiRace.Create("x", Start, Start, Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => IgtimiRace.Create("x", Start, Start, new[] { "FA-KK-AAHP", "fa-kk-aahp" }));
        Assert.Throws<ArgumentException>(() => IgtimiRace.Create("x", Start, Start, new[] { "FA-KK-AAHP" }, new[] { "a", "b" }));
    }

    [Fact]
    public async Task Builds_every_emulator_race_from_its_log_as_the_server_sends_it()
    {
        foreach (var race in _emu.World.Races)
        {
            string xml = await _emu.GetTextAsync(EmulatorCredentials.OwnerToken, $"api/v1/sessions/{race.Id}/logs");
            var log = SessionLogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), race.Id);
            var session = new IgtimiSession { Id = race.Id, Name = race.Name, StartTime = race.StartTime, EndTime = race.EndTime };
            var warnings = new List<string>();

            var built = IgtimiRaceBuilder.Build(session, log, warnings.Add);

            Assert.Empty(warnings);
            Assert.Equal(_emu.World.YachtBots.Select(d => d.SerialNumber), built.Boats.Select(b => b.SerialNumber));
            Assert.All(built.Boats, b => Assert.False(string.IsNullOrEmpty(b.BoatName) || string.IsNullOrEmpty(b.SailNumber) || string.IsNullOrEmpty(b.Crew)));
            Assert.Equal(_emu.World.WindBots.Select(d => d.SerialNumber), built.WindSensors.Select(w => w.SerialNumber));
            Assert.Equal(5, built.Marks.Count);
            var roles = new[]
            {
                IgtimiMarkRole.Windward, IgtimiMarkRole.Leeward, IgtimiMarkRole.Leeward, IgtimiMarkRole.CommitteeBoat, IgtimiMarkRole.StartPin,
            };
            Assert.Equal(roles, built.Marks.Select(m => m.Role));
            double logged = race.Log.Select(e => e.Data).OfType<EmulatorLogManualWind>().Single().Direction;
            Assert.Equal(logged, Assert.Single(built.ManualWind).DirectionDegrees);
            Assert.Equal(logged, built.CourseDirection);
            Assert.Equal(race.StartTime, built.Start);
            Assert.Equal(race.EndTime, built.End);
        }
    }
}
