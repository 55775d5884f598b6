using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>The regatta endpoints over plain HTTP: wrapped shapes, float times, filters and who sees what.</summary>
public class RegattaEndpointTests : IClassFixture<RegattaEmulatorFixture>
{
    private const string Owner = EmulatorCredentials.OwnerToken;
    private const string Coach = EmulatorCredentials.CoachToken;
    private const string Outsider = EmulatorCredentials.OutsiderToken;

    private readonly RegattaEmulatorFixture _emu;

    public RegattaEndpointTests(RegattaEmulatorFixture emulator) => _emu = emulator;

    private EmulatorWorld World => _emu.World;

    private static long Ms(DateTimeOffset t) => RegattaEmulatorFixture.Ms(t);

    private static HashSet<string> Serials(IEnumerable<JsonElement> items, string property = "serial_number") =>
        items.Select(i => i.GetProperty(property).GetString()!).ToHashSet();

    // ---- devices ----

    [Fact]
    public async Task Devices_come_wrapped_with_every_field_of_the_real_device_object()
    {
        var devices = await _emu.ListAsync(Owner, "api/v1/devices", "devices", "device");
        Assert.Equal(12, devices.Count(d => d.GetProperty("name").GetString()!.StartsWith("YB-")));
        Assert.Equal(3, devices.Count(d => d.GetProperty("name").GetString()!.StartsWith("WB-")));
        Assert.All(devices, d =>
        {
            Assert.Equal(
                ["id", "name", "serial_number", "service_tag", "uid", "imei", "owner_id", "device_user_group_id",
                 "admin_device_user_group_id", "permissions", "blob", "device_info"],
                d.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Matches("^[A-Z]{2}-[A-Z]{2}-[A-Z]{4}$", d.GetProperty("serial_number").GetString());
            Assert.Equal(JsonValueKind.Number, d.GetProperty("id").ValueKind);
            Assert.Equal(JsonValueKind.Null, d.GetProperty("service_tag").ValueKind);
            Assert.True(d.GetProperty("device_info").GetBoolean());
            Assert.True(d.GetProperty("permissions").GetProperty("read").GetBoolean());
        });
        Assert.Equal(devices.Count, Serials(devices).Count);
    }

    [Fact]
    public async Task Device_lists_and_rights_depend_on_the_user()
    {
        var owner = await _emu.ListAsync(Owner, "api/v1/devices", "devices", "device");
        var coach = await _emu.ListAsync(Coach, "api/v1/devices", "devices", "device");
        var outsider = await _emu.ListAsync(Outsider, "api/v1/devices", "devices", "device");

        Assert.Equal(World.Devices.Select(d => d.SerialNumber).ToHashSet(), Serials(owner));
        Assert.Equal(World.Devices.Select(d => d.SerialNumber).ToHashSet(), Serials(coach));
        Assert.Equal(World.YachtBots.Select(d => d.SerialNumber).ToHashSet(), Serials(outsider));

        bool Modify(List<JsonElement> list, EmulatorDevice device) =>
            list.Single(d => d.GetProperty("serial_number").GetString() == device.SerialNumber)
                .GetProperty("permissions").GetProperty("modify").GetBoolean();
        Assert.True(Modify(owner, World.YachtBots[0]));
        Assert.False(Modify(coach, World.YachtBots[0]));
        Assert.True(Modify(coach, World.CoachBoat));
        Assert.True(Modify(owner, World.CoachBoat));
        Assert.False(Modify(outsider, World.YachtBots[0]));
    }

    [Fact]
    public async Task Serial_filter_works_as_get_and_as_post_with_method_get()
    {
        string a = World.YachtBots[2].SerialNumber, b = World.WindBots[0].SerialNumber;
        var get = await _emu.ListAsync(Owner, $"api/v1/devices?serial_numbers[]={a}&serial_numbers%5B%5D={b}&unknown=1", "devices", "device");
        Assert.Equal(new HashSet<string> { a, b }, Serials(get));

        using var post = await _emu.Http.PostAsync("api/v1/devices", new FormUrlEncodedContent(
        [
            new("_method", "GET"), new("access_token", Owner),
            new("serial_numbers[]", a), new("serial_numbers[]", b),
        ]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var posted = RegattaEmulatorFixture.Unwrap(JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement, "devices", "device");
        Assert.Equal(new HashSet<string> { a, b }, Serials(posted));

        // A serial the caller has no right on comes back with its public fields and read:false (igtimi-api-2013.md section 3.8).
        var outsider = await _emu.ListAsync(Outsider, $"api/v1/devices?serial_numbers[]={a}&serial_numbers[]={b}", "devices", "device");
        Assert.Equal(new HashSet<string> { a, b }, Serials(outsider));
        var hidden = outsider.Single(d => d.GetProperty("serial_number").GetString() == b);
        Assert.False(hidden.GetProperty("permissions").GetProperty("read").GetBoolean());
        Assert.False(hidden.TryGetProperty("owner_id", out _));
    }

    // ---- data access windows ----

    [Fact]
    public async Task Data_access_windows_have_float_times_and_typed_recipients()
    {
        string text = await _emu.GetTextAsync(Owner, "api/v1/devices/data_access_windows");
        Assert.Matches(new Regex("\"start_time\":\\d{13}\\.0,\"end_time\":\\d{13}\\.0"), text);
        var windows = RegattaEmulatorFixture.Unwrap(JsonDocument.Parse(text).RootElement, "data_access_windows", "data_access_window");
        Assert.Equal(World.DataAccessWindows.Count, windows.Count);
        Assert.All(windows, w => Assert.Equal(
            ["id", "start_time", "end_time", "device_serial_number", "permissions", "recipient"],
            w.EnumerateObject().Select(p => p.Name).ToArray()));

        var groupRecipient = windows.First(w => w.GetProperty("recipient").TryGetProperty("group", out _))
            .GetProperty("recipient").GetProperty("group");
        Assert.Equal(["id", "name", "permissions", "hidden", "blob"], groupRecipient.EnumerateObject().Select(p => p.Name).ToArray());

        var userWindow = Assert.Single(windows, w => w.GetProperty("recipient").TryGetProperty("user", out _));
        Assert.Equal(World.Owner.Id, userWindow.GetProperty("recipient").GetProperty("user").GetProperty("id").GetInt64());
        Assert.Equal(World.CoachBoat.SerialNumber, userWindow.GetProperty("device_serial_number").GetString());
        Assert.True(userWindow.GetProperty("permissions").GetProperty("modify").GetBoolean());
    }

    [Fact]
    public async Task Data_access_windows_filter_by_overlap()
    {
        var race = World.Races[1];
        string during = $"start_time={Ms(race.StartTime.AddMinutes(5))}&end_time={Ms(race.StartTime.AddMinutes(6))}";
        var outsider = await _emu.ListAsync(Outsider, "api/v1/devices/data_access_windows?" + during, "data_access_windows", "data_access_window");
        Assert.Equal(12, outsider.Count);
        Assert.All(outsider, w =>
        {
            Assert.Equal((double)Ms(race.StartTime), w.GetProperty("start_time").GetDouble());
            Assert.Equal(World.RaceSpectators.Id, w.GetProperty("recipient").GetProperty("group").GetProperty("id").GetInt64());
        });

        var owner = await _emu.ListAsync(Owner, "api/v1/devices/data_access_windows?" + during, "data_access_windows", "data_access_window");
        Assert.Equal(12 + 15 + 1, owner.Count);

        // Between the first two races the outsider has no window; windows that span the bound still match.
        string between = $"start_time={Ms(World.Races[0].EndTime!.Value.AddMinutes(10))}&end_time={Ms(World.Races[1].StartTime.AddMinutes(-10))}";
        Assert.Empty(await _emu.ListAsync(Outsider, "api/v1/devices/data_access_windows?" + between, "data_access_windows", "data_access_window"));
        Assert.Equal(16, (await _emu.ListAsync(Owner, "api/v1/devices/data_access_windows?" + between, "data_access_windows", "data_access_window")).Count);

        // Only one bound: every race from the last one on.
        var last = World.Races[^1];
        var open = await _emu.ListAsync(Outsider, $"api/v1/devices/data_access_windows?start_time={Ms(last.StartTime)}",
            "data_access_windows", "data_access_window");
        Assert.Equal(12, open.Count);
    }

    [Fact]
    public async Task Data_access_windows_filter_by_permission_and_serial()
    {
        var modify = await _emu.ListAsync(Owner, "api/v1/devices/data_access_windows?type=modify", "data_access_windows", "data_access_window");
        Assert.Equal(World.CoachBoat.SerialNumber, Assert.Single(modify).GetProperty("device_serial_number").GetString());

        var both = await _emu.ListAsync(Owner, "api/v1/devices/data_access_windows?types[]=read&types[]=modify", "data_access_windows", "data_access_window");
        Assert.Equal(World.DataAccessWindows.Count, both.Count);

        Assert.Empty(await _emu.ListAsync(Outsider, "api/v1/devices/data_access_windows?type=modify", "data_access_windows", "data_access_window"));

        string wind = World.WindBots[1].SerialNumber;
        var coachWind = await _emu.ListAsync(Coach, $"api/v1/devices/data_access_windows?serial_numbers[]={wind}", "data_access_windows", "data_access_window");
        Assert.Equal(World.CoachingTeam.Id, Assert.Single(coachWind).GetProperty("recipient").GetProperty("group").GetProperty("id").GetInt64());
        Assert.Empty(await _emu.ListAsync(Outsider, $"api/v1/devices/data_access_windows?serial_numbers[]={wind}",
            "data_access_windows", "data_access_window"));

        using var bad = await _emu.GetAsync(Owner, "api/v1/devices/data_access_windows?type=write");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_outsider_sees_fewer_windows()
    {
        var owner = await _emu.ListAsync(Owner, "api/v1/devices/data_access_windows", "data_access_windows", "data_access_window");
        var outsider = await _emu.ListAsync(Outsider, "api/v1/devices/data_access_windows", "data_access_windows", "data_access_window");
        Assert.True(outsider.Count < owner.Count);
        Assert.Equal(12 * World.Races.Count, outsider.Count);
        Assert.Subset(World.YachtBots.Select(d => d.SerialNumber).ToHashSet(), Serials(outsider, "device_serial_number"));
    }

    // ---- resources ----

    [Fact]
    public async Task Resources_come_wrapped_with_float_times_and_data_types()
    {
        string text = await _emu.GetTextAsync(Owner, "api/v1/resources");
        Assert.Matches(new Regex("\"start_time\":\\d{13}\\.0,\"end_time\":\\d{13}\\.0"), text);
        var resources = RegattaEmulatorFixture.Unwrap(JsonDocument.Parse(text).RootElement, "resources", "resource");
        Assert.Equal(World.Devices.Count * 4, resources.Count);
        Assert.All(resources, r => Assert.Equal(
            ["id", "start_time", "end_time", "device_serial_number", "data_types", "permissions", "blob"],
            r.EnumerateObject().Select(p => p.Name).ToArray()));
        var heartRate = resources.Where(r => r.GetProperty("data_types").EnumerateArray().Any(t => t.GetInt32() == 13)).ToList();
        Assert.Equal(4, heartRate.Count);
        Assert.All(heartRate, r => Assert.Equal(World.HeartRateBoat.SerialNumber, r.GetProperty("device_serial_number").GetString()));
    }

    [Fact]
    public async Task Resources_depend_on_the_user_and_filter_by_permission()
    {
        var outsider = await _emu.ListAsync(Outsider, "api/v1/resources", "resources", "resource");
        Assert.Equal(12 * 4, outsider.Count);
        Assert.Equal(World.YachtBots.Select(d => d.SerialNumber).ToHashSet(), Serials(outsider, "device_serial_number"));
        Assert.Empty(await _emu.ListAsync(Outsider, "api/v1/resources?permission=modify", "resources", "resource"));

        var coachModify = await _emu.ListAsync(Coach, "api/v1/resources?permission=modify", "resources", "resource");
        Assert.Equal(4, coachModify.Count);
        Assert.All(coachModify, r => Assert.Equal(World.CoachBoat.SerialNumber, r.GetProperty("device_serial_number").GetString()));
        Assert.Equal(World.Devices.Count * 4, (await _emu.ListAsync(Coach, "api/v1/resources?permission=read", "resources", "resource")).Count);
    }

    [Fact]
    public async Task Resources_filter_by_overlap_serial_and_stream_id()
    {
        var day2 = World.RegattaStart.AddDays(1);
        var oneDay = await _emu.ListAsync(Owner, $"api/v1/resources?start_time={Ms(day2.AddHours(12))}&end_time={Ms(day2.AddHours(13))}",
            "resources", "resource");
        Assert.Equal(World.Devices.Count, oneDay.Count);

        // A window that ends before sunrise of day 2 and starts after sunset of day 1 overlaps nothing.
        var night = await _emu.ListAsync(Owner, $"api/v1/resources?start_time={Ms(day2.AddHours(-2))}&end_time={Ms(day2.AddHours(5))}",
            "resources", "resource");
        Assert.Empty(night);

        string serial = World.YachtBots[4].SerialNumber;
        var bySerial = await _emu.ListAsync(Owner, $"api/v1/resources?serial_numbers[]={serial}", "resources", "resource");
        Assert.Equal(4, bySerial.Count);

        var resource = World.Resources[5];
        var byStream = await _emu.ListAsync(Owner, $"api/v1/resources?stream_ids[]={resource.Id}", "resources", "resource");
        Assert.Equal(resource.Id, Assert.Single(byStream).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Resources_answer_on_the_double_slash_path_and_as_post()
    {
        var doubled = await _emu.ListAsync(Owner, "api/v1//resources", "resources", "resource");
        Assert.Equal(World.Resources.Count, doubled.Count);
        Assert.Contains(_emu.Emulator.Faults.RecentRequests, r => r.Path == "/api/v1//resources" && r.Status == 200);

        string serial = World.WindBots[2].SerialNumber;
        using var post = await _emu.Http.PostAsync("api/v1//resources", new FormUrlEncodedContent(
            [new("_method", "GET"), new("access_token", Owner), new("serial_numbers[]", serial)]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var posted = RegattaEmulatorFixture.Unwrap(JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement, "resources", "resource");
        Assert.Equal(4, posted.Count);
    }

    // ---- sessions ----

    [Fact]
    public async Task Sessions_come_wrapped_newest_first_with_float_times()
    {
        string text = await _emu.GetTextAsync(Owner, "api/v1/sessions");
        Assert.Matches(new Regex("\"start_time\":\\d{13}\\.0,\"end_time\":\\d{13}\\.0"), text);
        var sessions = RegattaEmulatorFixture.Unwrap(JsonDocument.Parse(text).RootElement, "sessions", "session");
        Assert.All(sessions, s => Assert.Equal(
            ["id", "name", "start_time", "end_time", "owner_id", "session_group_id", "admin_session_group_id",
             "parent_session_id", "ou", "permissions", "blob"],
            s.EnumerateObject().Select(p => p.Name).ToArray()));
        var starts = sessions.Select(s => s.GetProperty("start_time").GetDouble()).ToList();
        Assert.Equal(starts.OrderDescending(), starts);
        Assert.Equal(World.Sessions.Count - 1, sessions.Count);
        Assert.DoesNotContain(sessions, s => s.GetProperty("end_time").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Sessions_filter_by_limit_public_ids_and_incomplete()
    {
        var limited = await _emu.ListAsync(Owner, "api/v1/sessions?limit=3", "sessions", "session");
        Assert.Equal(3, limited.Count);
        Assert.Equal(World.Races[^1].Id, limited[0].GetProperty("id").GetInt64());

        var incomplete = await _emu.ListAsync(Owner, "api/v1/sessions?include_incomplete=true&limit=1", "sessions", "session");
        var live = Assert.Single(incomplete);
        Assert.Equal(World.IncompleteSession.Id, live.GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, live.GetProperty("end_time").ValueKind);
        Assert.Equal(World.Sessions.Count, (await _emu.ListAsync(Owner, "api/v1/sessions?include_incomplete=true", "sessions", "session")).Count);

        var publicOnly = await _emu.ListAsync(Outsider, "api/v1/sessions?public=true", "sessions", "session");
        Assert.Equal(World.PublicSession.Id, Assert.Single(publicOnly).GetProperty("id").GetInt64());
        Assert.Equal(World.Sessions.Count - 1,
            (await _emu.ListAsync(Owner, "api/v1/sessions?public=false&include_incompletetrue", "sessions", "session")).Count);

        long a = World.Races[0].Id, b = World.Races[2].Id;
        var byId = await _emu.ListAsync(Owner, $"api/v1/sessions?ids[]={a}&ids[]={b}", "sessions", "session");
        Assert.Equal(new[] { b, a }, byId.Select(s => s.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task The_outsider_reads_races_but_gets_401_for_the_debrief()
    {
        var sessions = await _emu.ListAsync(Outsider, "api/v1/sessions", "sessions", "session");
        Assert.DoesNotContain(sessions, s => s.GetProperty("id").GetInt64() == World.DebriefSession.Id);
        Assert.Equal(World.Races.Count + 1, sessions.Count);

        var race = await _emu.GetJsonAsync(Outsider, $"api/v1/sessions/{World.Races[0].Id}");
        var session = race.GetProperty("session");
        Assert.Equal(World.Races[0].Name, session.GetProperty("name").GetString());
        Assert.True(session.GetProperty("permissions").GetProperty("read").GetBoolean());
        Assert.False(session.GetProperty("permissions").GetProperty("modify").GetBoolean());

        using var debrief = await _emu.GetAsync(Outsider, $"api/v1/sessions/{World.DebriefSession.Id}");
        Assert.Equal(HttpStatusCode.Unauthorized, debrief.StatusCode);
        using var debriefLog = await _emu.GetAsync(Outsider, $"api/v1/sessions/{World.DebriefSession.Id}/logs");
        Assert.Equal(HttpStatusCode.Unauthorized, debriefLog.StatusCode);
        using var unknown = await _emu.GetAsync(Outsider, "api/v1/sessions/1");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var coachView = await _emu.GetJsonAsync(Owner, $"api/v1/sessions/{World.DebriefSession.Id}");
        Assert.Equal(World.Coach.Id, coachView.GetProperty("session").GetProperty("owner_id").GetInt64());
    }

    [Fact]
    public async Task Session_log_is_xml_with_device_object_and_metadata_entries()
    {
        var race = World.Races[0];
        using var response = await _emu.GetAsync(Outsider, $"api/v1/sessions/{race.Id}/logs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("session", xml.Root!.Name.LocalName);
        var entries = xml.Root.Element("content")!.Element("log")!.Elements("log_entry").ToList();
        Assert.Equal(race.Log.Count, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Matches("^\\d+$", e.Element("id")!.Value);
            Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$", e.Element("created_at")!.Value);
            Assert.Single(e.Element("data")!.Elements());
            Assert.Empty(e.DescendantsAndSelf().Attributes());
        });
        var data = entries.Select(e => e.Element("data")!.Elements().Single()).ToList();

        var wind = data.Single(d => d.Name == "metadata" && d.Element("manual_wind") is not null).Element("manual_wind")!;
        Assert.Matches("^\\d+(\\.\\d+)?$", wind.Element("strength")!.Value);
        Assert.Matches("^\\d+$", wind.Element("direction")!.Value);
        Assert.Matches("^\\d+$", data.Single(d => d.Name == "metadata" && d.Element("course_direction") is not null).Element("course_direction")!.Value);

        var objects = data.Where(d => d.Name == "object_data").ToDictionary(d => d.Element("object_id")!.Value, d => d.Element("object_content")!);
        var yachts = objects.Values.Where(o => o.Element("type")!.Value == "yacht").ToList();
        Assert.Equal(12, yachts.Count);
        Assert.All(yachts, y =>
        {
            Assert.Equal(["type", "name", "boat_number", "crew", "country"], y.Elements().Select(e => e.Name.LocalName).ToArray());
            Assert.Matches("^[A-Z]{3}$", y.Element("country")!.Value);
        });
        var buoys = objects.Values.Where(o => o.Element("type")!.Value == "buoy").ToList();
        Assert.True(buoys.Count >= 4);
        Assert.All(buoys, b =>
        {
            Assert.NotEmpty(b.Element("buoy_type")!.Value);
            var position = b.Element("positions")!.Element("position")!;
            Assert.InRange(double.Parse(position.Element("latitude")!.Value, System.Globalization.CultureInfo.InvariantCulture), -90, 90);
            Assert.InRange(double.Parse(position.Element("longitude")!.Value, System.Globalization.CultureInfo.InvariantCulture), -180, 180);
        });
        Assert.Equal(3, objects.Values.Count(o => o.Element("type")!.Value == "wind"));

        var links = data.Where(d => d.Name == "device").ToList();
        Assert.Equal(15, links.Count);
        Assert.All(links, l => Assert.Contains(l.Element("object_id")!.Value, objects.Keys));
        Assert.Equal(World.YachtBots.Concat(World.WindBots).Select(d => d.SerialNumber).ToHashSet(),
            links.Select(l => l.Element("serial_number")!.Value).ToHashSet());
    }

    // ---- groups ----

    [Fact]
    public async Task Groups_list_what_the_caller_belongs_to_or_administers()
    {
        var owner = await _emu.ListAsync(Owner, "api/v1/groups", "groups", "group");
        Assert.Contains(owner, g => g.GetProperty("name").GetString() == "Regatta Fleet" && g.GetProperty("permissions").GetProperty("modify").GetBoolean());
        Assert.All(owner, g => Assert.Equal(["id", "name", "permissions", "hidden", "blob"], g.EnumerateObject().Select(p => p.Name).ToArray()));

        var outsider = await _emu.ListAsync(Outsider, "api/v1/groups", "groups", "group");
        var spectators = Assert.Single(outsider);
        Assert.Equal("Race Spectators", spectators.GetProperty("name").GetString());
        Assert.False(spectators.GetProperty("permissions").GetProperty("modify").GetBoolean());

        var one = await _emu.GetJsonAsync(Outsider, $"api/v1/groups/{World.RaceSpectators.Id}");
        Assert.Equal(World.RaceSpectators.Id, one.GetProperty("group").GetProperty("id").GetInt64());

        using var forbidden = await _emu.GetAsync(Outsider, $"api/v1/groups/{World.CoachingTeam.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var missing = await _emu.GetAsync(Outsider, "api/v1/groups/1");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    // ---- catalogue, live servers, users ----

    [Fact]
    public async Task Data_types_list_codes_1_to_16()
    {
        var types = await _emu.ListAsync(Coach, "api/v1/data_types", "data_types", "data_type");
        Assert.Equal(Enumerable.Range(1, 16), types.Select(t => t.GetProperty("id").GetInt32()));
        var gps = types[0];
        Assert.Equal("gps_latlong", gps.GetProperty("name").GetString());
        Assert.Equal(["longitude", "latitude"], gps.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("km/h", types[8].GetProperty("components")[0].GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Web_socket_server_list_is_at_the_site_root_without_a_token()
    {
        using var response = await _emu.Http.GetAsync("server_listers/web_sockets");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var urls = root.GetProperty("web_socket_servers").EnumerateArray().Select(u => u.GetString()!).ToList();
        Assert.Equal(2, urls.Count);
        Assert.All(urls, u => Assert.StartsWith($"ws://127.0.0.1:{_emu.Emulator.BaseUri.Port}/live_api", u));
    }

    [Fact]
    public async Task Users_still_list_only_the_caller_and_new_endpoints_need_a_token()
    {
        var users = await _emu.ListAsync(Outsider, "api/v1/users", "users", "user");
        Assert.Equal(World.Outsider.Id, Assert.Single(users).GetProperty("id").GetInt64());
        using var anonymous = await _emu.Http.GetAsync("api/v1/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Same_seed_and_anchor_serve_the_same_world()
    {
        await using var other = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = RegattaEmulatorFixture.Anchor });
        using var http = new HttpClient { BaseAddress = other.BaseUri };
        foreach (string path in new[] { "api/v1/devices", "api/v1/sessions?include_incomplete=true", "api/v1/resources", "api/v1/devices/data_access_windows" })
        {
            string expected = await _emu.GetTextAsync(Owner, path);
            string actual = await http.GetStringAsync(path + (path.Contains('?') ? "&" : "?") + "access_token=" + Owner);
            Assert.Equal(expected, actual);
        }
        string log = await _emu.GetTextAsync(Owner, $"api/v1/sessions/{World.Races[3].Id}/logs");
        Assert.Equal(log, await http.GetStringAsync($"api/v1/sessions/{World.Races[3].Id}/logs?access_token={Owner}"));
    }
}
