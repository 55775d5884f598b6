using System.Text.RegularExpressions;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>The seeded regatta as a model: determinism, size, schedule and the access rules.</summary>
public class RegattaWorldTests
{
    private static readonly DateOnly Anchor = new(2025, 6, 15);

    private static object Fingerprint(EmulatorWorld w) => string.Join("|",
        w.Users.Select(u => u.Id).Concat(w.Groups.Select(g => g.Id)).Select(id => id.ToString())
            .Concat(w.Devices.Select(d => $"{d.Id}:{d.Name}:{d.SerialNumber}:{string.Join(",", d.DataTypes)}"))
            .Concat(w.Sessions.Select(s => $"{s.Id}:{s.Name}:{s.Log.Count}:{s.Log[0].Id}"))
            .Concat(w.DataAccessWindows.Select(x => $"{x.Id}:{x.DeviceSerialNumber}"))
            .Concat(w.Resources.Select(r => $"{r.Id}:{r.DeviceSerialNumber}")));

    [Fact]
    public void The_same_seed_gives_the_same_world()
    {
        var a = EmulatorWorld.Create(7, Anchor);
        var b = EmulatorWorld.Create(7, Anchor);
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        Assert.Equal(a.Sessions.Select(s => (s.StartTime, s.EndTime)), b.Sessions.Select(s => (s.StartTime, s.EndTime)));
        Assert.Equal(a.Resources.Select(r => (r.StartTime, r.EndTime)), b.Resources.Select(r => (r.StartTime, r.EndTime)));
        Assert.NotEqual(Fingerprint(a), Fingerprint(EmulatorWorld.Create(8, Anchor)));
    }

    [Fact]
    public void The_anchor_date_moves_times_but_keeps_ids()
    {
        var a = EmulatorWorld.Create(3, Anchor);
        var b = EmulatorWorld.Create(3, Anchor.AddDays(10));
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        Assert.Equal(a.Sessions.Select(s => s.StartTime.AddDays(10)), b.Sessions.Select(s => s.StartTime));
    }

    [Fact]
    public void Users_keep_their_seeded_ids()
    {
        var world = EmulatorWorld.Create(1, Anchor);
        Assert.Equal(new long[] { 3238, 3240, 3245 }, world.Users.Select(u => u.Id));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(42)]
    public void The_fleet_has_12_yachtbots_3_windbots_and_the_coach_boat(int seed)
    {
        var world = EmulatorWorld.Create(seed, Anchor);
        Assert.Equal(12, world.YachtBots.Count);
        Assert.Equal(3, world.WindBots.Count);
        Assert.All(world.YachtBots, d => Assert.Equal(EmulatorDeviceKind.YachtBot, d.Kind));
        Assert.All(world.WindBots, d => Assert.Equal(EmulatorDeviceKind.WindBot, d.Kind));
        Assert.All(world.YachtBots.Concat(world.WindBots), d =>
        {
            Assert.Equal(world.Owner.Id, d.OwnerId);
            Assert.Equal(world.RegattaFleet.Id, d.AdminDeviceUserGroupId);
            Assert.Equal(world.CoachingTeam.Id, d.DeviceUserGroupId);
        });
        Assert.Equal(world.Coach.Id, world.CoachBoat.OwnerId);
        Assert.All(world.Devices, d => Assert.Matches(new Regex("^[A-Z]{2}-[A-Z]{2}-[A-Z]{4}$"), d.SerialNumber));
        Assert.Equal(world.Devices.Count, world.Devices.Select(d => d.SerialNumber).Distinct().Count());
        Assert.Equal(world.Devices.Count, world.Devices.Select(d => d.Id).Distinct().Count());

        // Heart rate (13) on exactly one device; wind (11, 12) only on WindBots.
        Assert.Equal(new[] { world.HeartRateBoat }, world.Devices.Where(d => d.DataTypes.Contains(13)));
        Assert.All(world.WindBots, d => Assert.Equal(new[] { 1, 2, 3, 11, 12, 15 }, d.DataTypes));
        Assert.DoesNotContain(world.Devices.Where(d => d.Kind == EmulatorDeviceKind.YachtBot), d => d.DataTypes.Contains(12));
    }

    [Fact]
    public void The_regatta_has_races_on_each_of_its_four_days()
    {
        var world = EmulatorWorld.Create(5, Anchor);
        Assert.Equal(new DateTimeOffset(2025, 6, 12, 0, 0, 0, TimeSpan.Zero), world.RegattaStart);
        Assert.Equal(new DateTimeOffset(2025, 6, 16, 0, 0, 0, TimeSpan.Zero), world.RegattaEnd);
        for (int day = 0; day < 4; day++)
        {
            var date = world.RegattaStart.AddDays(day);
            Assert.InRange(world.Races.Count(r => r.StartTime >= date && r.StartTime < date.AddDays(1)), 2, 3);
        }
        Assert.All(world.Races, r => Assert.True(r.EndTime > r.StartTime && r.StartTime.TimeOfDay >= TimeSpan.FromHours(11)));
        Assert.Null(world.IncompleteSession.EndTime);
        Assert.True(world.PublicSession.IsPublic);
        Assert.Equal(world.Coach.Id, world.DebriefSession.OwnerId);
        Assert.All(world.Sessions, s => Assert.InRange(s.StartTime, world.RegattaStart, world.RegattaEnd));

        // One resource per device and day.
        Assert.Equal(world.Devices.Count * 4, world.Resources.Count);
        Assert.All(world.Resources, r => Assert.Equal(r.StartTime.Date, r.EndTime.Date));
    }

    [Fact]
    public void Read_rights_follow_the_data_access_windows()
    {
        var world = EmulatorWorld.Create(1, Anchor);
        var race = world.Races[0];
        var boat = world.YachtBots[0];
        var wind = world.WindBots[0];
        var duringRace = race.StartTime.AddMinutes(10);
        var beforeRace = race.StartTime.AddHours(-1);

        Assert.Equal(EmulatorPermissions.ReadModify, world.DevicePermissionsAt(world.Owner, boat, beforeRace));
        Assert.Equal(EmulatorPermissions.ReadOnly, world.DevicePermissionsAt(world.Coach, wind, beforeRace));
        Assert.Equal(EmulatorPermissions.ReadOnly, world.DevicePermissionsAt(world.Outsider, boat, duringRace));
        Assert.Equal(EmulatorPermissions.None, world.DevicePermissionsAt(world.Outsider, boat, beforeRace));
        Assert.Equal(EmulatorPermissions.None, world.DevicePermissions(world.Outsider, wind));
        Assert.Equal(EmulatorPermissions.ReadModify, world.DevicePermissions(world.Owner, world.CoachBoat));
        Assert.Equal(EmulatorPermissions.None, world.DevicePermissionsAt(world.Owner, world.CoachBoat, world.RegattaStart.AddDays(-1)));
    }
}
