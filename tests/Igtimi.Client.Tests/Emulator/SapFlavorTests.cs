using System.Net;
using System.Text;
using System.Text.Json;
using Igtimi.Client.Tests.Models;
using Igtimi.Emulator;
using Xunit;
using static Igtimi.Client.Tests.Emulator.SapHttp;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>One in-process emulator in the SAP flavor (seed 1, a fixed anchor date) and a plain HttpClient.</summary>
public sealed class SapEmulatorFixture : IAsyncLifetime
{
    public RunningEmulator Emulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = RegattaEmulatorFixture.Anchor, Flavor = EmulatorFlavor.Sap });
        Http = new HttpClient { BaseAddress = Emulator.BaseUri };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>
/// The SAP flavor over plain HTTP (docs/design/sap-dialect.md): the security API, the anonymous fallback, who sees what, the
/// json-simple JSON, <c>resources/data</c> (base64 protobuf, half-open ranges, duplicates, shuffled order) checked against the fleet
/// model, <c>latest</c>, the server lister, and that each flavor serves only its own paths. Locks get their own emulators.
/// </summary>
public class SapFlavorTests : IClassFixture<SapEmulatorFixture>
{
    private const string OwnerToken = EmulatorCredentials.OwnerSapToken;
    private const string CoachToken = EmulatorCredentials.CoachSapToken;
    private const string OutsiderToken = EmulatorCredentials.OutsiderSapToken;
    private const string TokenPath = "security/api/restsecurity/access_token";

    private readonly SapEmulatorFixture _fixture;

    public SapFlavorTests(SapEmulatorFixture fixture) => _fixture = fixture;

    private RunningEmulator Emulator => _fixture.Emulator;

    private HttpClient Http => _fixture.Http;

    private EmulatorWorld World => Emulator.World;

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static Task<RunningEmulator> StartAsync(int lockMs = 1000, EmulatorFlavor flavor = EmulatorFlavor.Sap, int seed = 1) =>
        EmulatorHost.StartAsync(new EmulatorOptions
        {
            Seed = seed,
            AnchorDate = RegattaEmulatorFixture.Anchor,
            Flavor = flavor,
            SapLockMs = lockMs,
            SapLockMaxMs = Math.Max(lockMs, 60_000),
        });

    /// <summary>The decoded messages of one key, in wire order.</summary>
    private async Task<List<List<WireDataMsg>>> MessagesAsync(string serial, long? start, long? end, IEnumerable<int>? cases,
        System.Net.Http.Headers.AuthenticationHeaderValue? auth)
    {
        var keys = ParseData(await TextAsync(Http, DataPath([serial], start, end, cases), auth));
        return keys.SingleOrDefault(k => k.Serial == serial).Messages?.Select(WireReader.DecodeMsg).ToList() ?? [];
    }

    /// <summary>The Content-Type exactly as sent (read before anything parses it; HttpClient would add a space).</summary>
    private static string RawContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.Single() : "";

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await http.PostAsync(path, content);
    }

    // ---- options ----

    [Fact]
    public void The_flavor_and_lock_options_are_validated()
    {
        Assert.Equal(EmulatorFlavor.Igtimi, new EmulatorOptions().Flavor);
        Assert.Equal(1000, new EmulatorOptions().SapLockMs);
        Assert.Throws<ArgumentException>(() => new EmulatorOptions { Flavor = (EmulatorFlavor)7 }.Validate());
        Assert.Throws<ArgumentException>(() => new EmulatorOptions { SapLockMs = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new EmulatorOptions { SapLockMs = 5000, SapLockMaxMs = 1000 }.Validate());
        Assert.Equal(EmulatorFlavor.Sap, Emulator.Flavor);
    }

    // ---- security API ----

    [Fact]
    public async Task Access_token_by_form_post_basic_and_bearer_whoami_gives_each_user_its_fixed_token()
    {
        using var form = await PostFormAsync(Http, TokenPath, ("username", "coach"), ("password", EmulatorCredentials.CoachPassword));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("application/json;charset=UTF-8", RawContentType(form));
        Assert.Equal("{\"username\":\"coach\",\"access_token\":\"" + CoachToken + "\"}", await form.Content.ReadAsStringAsync());

        foreach (var (name, password, token) in new[]
                 {
                     ("owner", EmulatorCredentials.OwnerPassword, OwnerToken), ("outsider", EmulatorCredentials.OutsiderPassword, OutsiderToken),
                 })
        {
            string viaBasic = await TextAsync(Http, TokenPath, Basic(name, password));
            Assert.Equal("{\"username\":\"" + name + "\",\"access_token\":\"" + token + "\"}", viaBasic);
            using var post = new HttpRequestMessage(HttpMethod.Post, TokenPath) { Headers = { Authorization = Basic(name, password) } };
            using var posted = await Http.SendAsync(post);
            Assert.Equal(viaBasic, await posted.Content.ReadAsStringAsync());
            // Whoami: the token answers with its user name (and the same token).
            Assert.Equal(viaBasic, await TextAsync(Http, TokenPath, Bearer(token)));
            Assert.Equal(viaBasic, await TextAsync(Http, TokenPath, new("bEaReR", token)));
        }

        Assert.Equal(43, OwnerToken.Length);
        Assert.All(new[] { OwnerToken, CoachToken, OutsiderToken }, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
        Assert.Equal(4, new[] { OwnerToken, CoachToken, OutsiderToken, EmulatorCredentials.OwnerToken }.Distinct().Count());
        Assert.True(Emulator.SapSecurity.AccessTokenRequestCount >= 7);
    }

    [Fact]
    public async Task Hello_names_the_principal_or_all()
    {
        using var document = JsonDocument.Parse(await TextAsync(Http, "security/api/restsecurity/hello", Bearer(CoachToken)));
        Assert.Equal("coach", document.RootElement.GetProperty("principal").GetString());
        Assert.True(document.RootElement.GetProperty("authenticated").GetBoolean());
        Assert.False(document.RootElement.GetProperty("remembered").GetBoolean());
        Assert.Equal("{\"principal\":\"<all>\",\"authenticated\":false,\"remembered\":false}",
            await TextAsync(Http, "security/api/restsecurity/hello"));
    }

    [Fact]
    public async Task Failed_logins_get_401_with_an_empty_body_and_the_basic_challenge()
    {
        await using var emulator = await StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        var attempts = new Func<Task<HttpResponseMessage>>[]
        {
            () => GetAsync(http, TokenPath),
            () => GetAsync(http, TokenPath, Basic("owner", "wrong")),
            () => GetAsync(http, TokenPath, Basic("nobody", "owner-pass")),
            () => PostFormAsync(http, TokenPath, ("username", "outsider"), ("password", "nope")),
            () => GetAsync(http, TokenPath, Bearer("not-a-token")),
            () => GetAsync(http, TokenPath + "?username=coach&password=coach-pass"), // form fields count on a form POST only
            () => GetAsync(http, TokenPath, Bearer(EmulatorCredentials.CoachToken)), // an igtimi token is no SAP token
        };
        foreach (var attempt in attempts)
        {
            using var response = await attempt();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("BASIC realm=\"SAP\"", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(attempts.Length, emulator.SapSecurity.AccessTokenFailureCount);
    }

    [Fact]
    public async Task Gateway_falls_back_to_anonymous_for_missing_wrong_or_locked_credentials_and_never_answers_401()
    {
        await using var emulator = await StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        string wb1 = emulator.World.WindBots[0].SerialNumber;
        foreach (var auth in new[] { null, Bearer("bad-token"), Basic("coach", "wrong"), Basic("ghost", "x"), Bearer(CoachToken) })
        {
            // The last one is a good token, but the bad one before locked this IP for bearer logins.
            using var response = await GetAsync(http, "igtimi/api/v1/devices", auth);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(response.Headers.WwwAuthenticate);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal([wb1], document.RootElement.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("serial_number").GetString()));
        }
        Assert.Equal(4, emulator.SapSecurity.AnonymousFallbackCount);
        Assert.Equal(1, emulator.SapSecurity.LockedRejectionCount);
        // Basic is not locked by a bad bearer token.
        Assert.Equal(16, JsonDocument.Parse(await TextAsync(http, "igtimi/api/v1/devices", Basic("owner", "owner-pass")))
            .RootElement.GetProperty("devices").GetArrayLength());
    }

    [Fact]
    public async Task A_bad_bearer_token_locks_the_ip_doubling_with_each_failure_and_a_success_resets_it()
    {
        // Waits that end inside a lock are short against it (the requests around them take time on a loaded machine);
        // waits that must outlast a lock only need to be longer, which a delay after the reply always is.
        const int lockMs = 1000;
        await using var emulator = await StartAsync(lockMs);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        async Task<HttpStatusCode> Login(string token)
        {
            using var response = await GetAsync(http, TokenPath, Bearer(token));
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Login("bad"));          // lock 1 s
        Assert.True(emulator.SapSecurity.IsAddressLocked(IPAddress.Loopback));
        Assert.Equal(HttpStatusCode.Unauthorized, await Login(OwnerToken));     // locked: even a good token fails
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, TokenPath, Basic("owner", "owner-pass"))).StatusCode); // passwords are not locked
        await Task.Delay(lockMs + 200);
        Assert.Equal(HttpStatusCode.Unauthorized, await Login("bad"));          // second failure: lock 2 s
        await Task.Delay(lockMs / 2);
        Assert.Equal(HttpStatusCode.Unauthorized, await Login(OwnerToken));     // still locked (1.5 s left)
        await Task.Delay(2 * lockMs);
        Assert.Equal(HttpStatusCode.OK, await Login(OwnerToken));               // over; the success resets the count
        Assert.Equal(HttpStatusCode.Unauthorized, await Login("bad"));          // lock 1 s again, not 4
        await Task.Delay(lockMs + 200);
        Assert.Equal(HttpStatusCode.OK, await Login(OwnerToken));
        Assert.Equal(3, emulator.SapSecurity.FailedLoginCount);
        Assert.Equal(2, emulator.SapSecurity.LockedRejectionCount);
    }

    [Fact]
    public async Task A_wrong_password_locks_that_user_only()
    {
        const int lockMs = 1000;
        await using var emulator = await StartAsync(lockMs);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, TokenPath, Basic("coach", "wrong"))).StatusCode);
        Assert.True(emulator.SapSecurity.IsUserLocked("coach"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, TokenPath, Basic("coach", "coach-pass"))).StatusCode);
        using (var form = await PostFormAsync(http, TokenPath, ("username", "coach"), ("password", "coach-pass")))
            Assert.Equal(HttpStatusCode.Unauthorized, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, TokenPath, Basic("outsider", "outsider-pass"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, TokenPath, Bearer(CoachToken))).StatusCode); // the coach's token still works
        // While locked the gateway treats the coach's password as anonymous.
        Assert.Equal(1, JsonDocument.Parse(await TextAsync(http, "igtimi/api/v1/devices", Basic("coach", "coach-pass")))
            .RootElement.GetProperty("devices").GetArrayLength());
        await Task.Delay(lockMs + 200);
        Assert.False(emulator.SapSecurity.IsUserLocked("coach"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, TokenPath, Basic("coach", "coach-pass"))).StatusCode);
        Assert.Equal(3, emulator.SapSecurity.LockedRejectionCount);
    }

    // ---- who sees what ----

    [Fact]
    public async Task Devices_are_unwrapped_and_list_what_each_user_may_read_and_all_sees_only_WB1()
    {
        foreach (var (auth, user) in new[]
                 {
                     (Bearer(OwnerToken), World.Owner), (Bearer(CoachToken), World.Coach), (Basic("outsider", "outsider-pass"), World.Outsider),
                     (null, World.SapAnonymous),
                 })
        {
            foreach (string path in new[] { "igtimi/api/v1/devices", "igtimi/api/v1/devices/" })
            {
                using var document = JsonDocument.Parse(await TextAsync(Http, path, auth));
                var items = document.RootElement.GetProperty("devices").EnumerateArray().ToList();
                Assert.All(items, i => Assert.Equal(["id", "serial_number", "name"], i.EnumerateObject().Select(p => p.Name)));
                Assert.Equal(Emulator.Sap.Devices(user).Select(d => (d.Id, d.SerialNumber, d.Name)),
                    items.Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("serial_number").GetString()!, i.GetProperty("name").GetString()!)));
            }
        }
        Assert.Equal(16, Emulator.Sap.Devices(World.Owner).Count);
        Assert.Equal(16, Emulator.Sap.Devices(World.Coach).Count);
        Assert.Equal(World.YachtBots, Emulator.Sap.Devices(World.Outsider));
        Assert.Equal([World.WindBots[0]], Emulator.Sap.Devices(World.SapAnonymous));
        Assert.Equal("WB-1", Emulator.Sap.Devices(World.SapAnonymous)[0].Name);
    }

    [Fact]
    public async Task Windows_are_wrapped_with_integer_times_and_filtered_by_serial_and_half_open_range()
    {
        string path = "igtimi/api/v1/data_access_windows?type=read&permission=read&stream_ids[]=3";
        async Task<List<JsonElement>> Windows(string query, System.Net.Http.Headers.AuthenticationHeaderValue? auth)
        {
            var root = JsonDocument.Parse(await TextAsync(Http, path + query, auth)).RootElement;
            return root.GetProperty("data_access_windows").EnumerateArray().Select(i =>
            {
                Assert.Equal(["data_access_window"], i.EnumerateObject().Select(p => p.Name));
                return i.GetProperty("data_access_window");
            }).ToList();
        }

        var anonymous = await Windows("", null);
        var window = Assert.Single(anonymous);
        Assert.Equal(["id", "start_time", "end_time", "device_serial_number"], window.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Ms(World.RegattaStart), window.GetProperty("start_time").GetInt64());
        Assert.Equal(Ms(World.RegattaEnd), window.GetProperty("end_time").GetInt64());
        Assert.Equal(World.WindBots[0].SerialNumber, window.GetProperty("device_serial_number").GetString());
        Assert.Equal(World.SapPublicWindows[0].Id, window.GetProperty("id").GetInt64());
        Assert.DoesNotContain(World.DataAccessWindows, w => w.Id == World.SapPublicWindows[0].Id);

        var outsider = await Windows("", Bearer(OutsiderToken));
        Assert.Equal(World.Races.Count * 12, outsider.Count);
        Assert.All(outsider, w => Assert.Equal(JsonValueKind.Number, w.GetProperty("start_time").ValueKind));
        var coach = await Windows("", Bearer(CoachToken));
        Assert.Equal(Emulator.Sap.Windows(World.Coach).Select(w => w.Id), coach.Select(w => w.GetProperty("id").GetInt64()));

        var race = World.Races[2];
        var yb1 = World.YachtBots[0].SerialNumber;
        var raceWindow = World.DataAccessWindows.Single(w => w.DeviceSerialNumber == yb1 && w.StartTime == race.StartTime);
        // Closed windows, half-open range: a range starting at the window's end still meets it; one ending at its start does not.
        long raceEnd = Ms(race.EndTime!.Value);
        var atEnd = await Windows($"&serial_numbers[]={yb1}&start_time={raceEnd}&end_time={raceEnd + 1}", Bearer(OutsiderToken));
        Assert.Contains(atEnd, w => w.GetProperty("id").GetInt64() == raceWindow.Id);
        var beforeStart = await Windows($"&serial_numbers[]={yb1}&start_time={Ms(race.StartTime) - 1000}&end_time={Ms(race.StartTime)}", Bearer(OutsiderToken));
        Assert.DoesNotContain(beforeStart, w => w.GetProperty("id").GetInt64() == raceWindow.Id);
        Assert.All(await Windows($"&serial_numbers[]={yb1}", Bearer(OwnerToken)), w => Assert.Equal(yb1, w.GetProperty("device_serial_number").GetString()));
    }

    // ---- resources/data ----

    [Fact]
    public async Task Data_is_one_key_per_readable_serial_with_standard_base64_and_escaped_slashes_on_the_wire()
    {
        var race = World.Races[^1];
        long start = Ms(race.StartTime), end = start + 120_000;
        var serials = World.Devices.Select(d => d.SerialNumber).Append("ZZ-ZZ-ZZZZ").ToArray();
        using var response = await GetAsync(Http, DataPath(serials, start, end, AllCases), Bearer(OutsiderToken));
        Assert.Equal("application/json;charset=UTF-8", RawContentType(response));
        string raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("\\/", raw);
        Assert.DoesNotMatch("[^\\\\]/", raw);
        Assert.DoesNotContain('\n', raw);

        var keys = ParseData(raw);
        Assert.Equal(World.YachtBots.Select(d => d.SerialNumber), keys.Select(k => k.Serial));
        using var document = JsonDocument.Parse(raw);
        foreach (var key in document.RootElement.EnumerateObject())
        {
            foreach (var value in key.Value.EnumerateArray())
            {
                string b64 = value.GetString()!;
                Assert.Equal(0, b64.Length % 4);
                Assert.Matches("^[A-Za-z0-9+/]+={0,2}$", b64);
            }
        }
        Assert.All(keys, k => Assert.NotEmpty(k.Messages));
    }

    [Fact]
    public async Task Data_without_types_gives_every_key_with_an_empty_array_and_unknown_cases_give_nothing()
    {
        var race = World.Races[0];
        long start = Ms(race.StartTime);
        var serials = World.Devices.Select(d => d.SerialNumber).ToArray();
        Assert.Equal("{" + string.Join(",", serials.Select(s => "\"" + s + "\":[]")) + "}",
            await TextAsync(Http, DataPath(serials, start, start + 60_000, null), Bearer(OwnerToken)));
        // types[15] is Temperature, not the battery (types[50]).
        var keys = ParseData(await TextAsync(Http, DataPath(serials, start, start + 60_000, [15]), Bearer(OwnerToken)));
        Assert.All(keys, k => Assert.Empty(k.Messages));
        // A window that meets the range but a night without data: the key is there, empty.
        long night = Ms(World.RegattaStart) + 3_600_000;
        Assert.Equal("{\"" + serials[0] + "\":[]}", await TextAsync(Http, DataPath([serials[0]], night, night + 60_000, AllCases), Bearer(OwnerToken)));
        // No readable window at all (the outsider between races): no key.
        Assert.Equal("{}", await TextAsync(Http, DataPath([serials[0]], night, night + 60_000, AllCases), Bearer(OutsiderToken)));
    }

    [Fact]
    public async Task Missing_serials_and_unparsable_parameters_get_jettys_500_page_and_other_errors_are_html_too()
    {
        foreach (string path in new[]
                 {
                     "igtimi/api/v1/resources/data?start_time=1&end_time=2&types[1]=0",
                     "igtimi/api/v1/resources/data?serial_numbers[]=X&start_time=soon",
                     "igtimi/api/v1/resources/data?serial_numbers[]=X&start_time=1749985200000.0",
                     "igtimi/api/v1/resources/data?serial_numbers[]=X&types[gps]=0",
                     "igtimi/api/v1/data_access_windows?end_time=later",
                 })
        {
            using var response = await GetAsync(Http, path, Bearer(OwnerToken));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType);
            string body = await response.Content.ReadAsStringAsync();
            Assert.Contains("HTTP ERROR 500", body);
            Assert.DoesNotContain("\"error\"", body);
        }
        Assert.Equal("{}", await TextAsync(Http, "igtimi/api/v1/resources/data?serial_numbers%5B%5D=NOPE&types%5B1%5D=0"));
    }

    [Fact]
    public async Task Data_ranges_are_half_open_on_the_message_time()
    {
        var device = World.YachtBots[3];
        long t = Ms(World.Races[1].StartTime) + 10_000; // a multiple of 10 s: every channel has a sample
        var inclusive = await MessagesAsync(device.SerialNumber, t, t + 1000, AllCases, Bearer(OwnerToken));
        Assert.Equal([t], inclusive.SelectMany(m => m).SelectMany(d => d.Points).Select(p => p.Timestamp).Distinct());
        var empty = await MessagesAsync(device.SerialNumber, t, t, AllCases, Bearer(OwnerToken));
        Assert.Empty(empty);

        // Adjacent ranges [a, m) and [m, b) give [a, b) message for message.
        var whole = await MessagesAsync(device.SerialNumber, t, t + 20_000, AllCases, Bearer(OutsiderToken));
        var first = await MessagesAsync(device.SerialNumber, t, t + 7_000, AllCases, Bearer(OutsiderToken));
        var second = await MessagesAsync(device.SerialNumber, t + 7_000, t + 20_000, AllCases, Bearer(OutsiderToken));
        static IEnumerable<string> Keys(List<List<WireDataMsg>> messages) => messages.SelectMany(m => m).SelectMany(d => d.Points).Select(p => p.Key).Order();
        Assert.Equal(Keys(whole), Keys(first).Concat(Keys(second)).Order());
        // 20 one-second ticks, each a GPS and an other message (satq and satc every 10 s join the GPS ones).
        Assert.Equal(40, whole.Count);
    }

    [Fact]
    public async Task Messages_group_pos_satc_satq_apart_from_the_other_points_with_serial_service_and_stream()
    {
        var device = World.HeartRateBoat;
        long t = Ms(World.Races[0].StartTime);
        t -= t % 60_000;
        t += 120_000;
        var messages = await MessagesAsync(device.SerialNumber, t, t + 3000, AllCases, Bearer(OutsiderToken)); // one window: no duplicates
        var byTime = messages.Select(m => Assert.Single(m)).GroupBy(d => d.Points[0].Timestamp).OrderBy(g => g.Key).ToList();
        Assert.Equal([t, t + 1000, t + 2000], byTime.Select(g => g.Key));
        foreach (var group in byTime)
        {
            Assert.Equal(2, group.Count());
            foreach (var dataMsg in group)
            {
                Assert.Equal(device.SerialNumber, dataMsg.Serial);
                Assert.Equal(3, dataMsg.TypeOfService);
                Assert.Equal(Emulator.Sap.StreamId(device), dataMsg.StreamId);
                Assert.All(dataMsg.Points, p => Assert.Equal(group.Key, p.Timestamp));
            }
            var gps = group.Single(d => d.Points[0].Case == SapCases.Position);
            var other = group.Single(d => d.Points[0].Case != SapCases.Position);
            Assert.Equal(group.Key == t ? [1, 3, 2] : new[] { 1 }, gps.Points.Select(p => p.Case));
            Assert.Equal(group.Key == t ? [6, 8, 9, 13, 50] : new[] { 6, 8, 9, 13 }, other.Points.Select(p => p.Case));
            Assert.Equal(3UL, gps.Points[0].Varint(15));
            Assert.False(gps.Points[0].Doubles.ContainsKey(4));
            var hr = other.Points.Single(p => p.Case == SapCases.HeartRate);
            Assert.Equal((uint)FleetData.HeartRateDsi, hr.SourceId);
        }
    }

    [Fact]
    public async Task Values_equal_the_igtimi_flavors_samples_point_for_point()
    {
        var race = World.Races[4];
        long start = Ms(race.StartTime) - 300_000, end = Ms(race.StartTime) + 300_000;
        foreach (var device in new[] { World.HeartRateBoat, World.WindBots[1], World.CoachBoat })
        {
            var points = (await MessagesAsync(device.SerialNumber, start, end, AllCases, Bearer(CoachToken)))
                .SelectMany(m => m).SelectMany(d => d.Points).DistinctBy(p => p.Key).ToList();
            foreach (var channel in Emulator.Data.Channels(device))
            {
                int pointCase = SapCases.CaseOf(channel.Type)!.Value;
                var expected = Emulator.Data.Samples(device, channel.Type, start, end - 1, World.Coach);
                var got = points.Where(p => p.Case == pointCase).OrderBy(p => p.Timestamp).ToList();
                Assert.NotEmpty(expected);
                Assert.Equal(expected.Select(s => s.Time), got.Select(p => p.Timestamp));
                for (int i = 0; i < expected.Count; i++)
                    Assert.Equal(expected[i].Values, got[i].IgtimiValues());
            }
            Assert.Equal(points.Count, Emulator.Data.Channels(device).Sum(c => Emulator.Data.Samples(device, c.Type, start, end - 1, World.Coach).Count));
        }
    }

    [Fact]
    public async Task The_coach_gets_each_message_twice_where_two_readable_windows_overlap_during_a_race()
    {
        var race = World.Races[3];
        var yb = World.YachtBots[5];
        long raceStart = Ms(race.StartTime), start = raceStart - 30_000, end = raceStart + 30_000;
        var messages = await MessagesAsync(yb.SerialNumber, start, end, AllCases, Bearer(CoachToken));
        var counts = messages.Select(m => WireKey(m)).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var times = messages.Select(m => m[0].Points[0].Timestamp).ToList();
        // Before the race only the Coaching Team window reads; during it the spectator window as well.
        Assert.All(messages, m => Assert.Equal(m[0].Points[0].Timestamp >= raceStart ? 2 : 1, counts[WireKey(m)]));
        Assert.Contains(times, t => t < raceStart);
        Assert.Contains(times, t => t >= raceStart);
        Assert.Equal(Emulator.Sap.Messages(World.Coach, yb, start, end, AllCases).Count, messages.Count);
        // The owner reads every window of its devices: the same duplicates.
        Assert.Equal(messages.Count, (await MessagesAsync(yb.SerialNumber, start, end, AllCases, Bearer(OwnerToken))).Count);

        // The outsider reads through one window at a time: no duplicates; the WindBots have one window: none either.
        var outsider = await MessagesAsync(yb.SerialNumber, start, end, AllCases, Bearer(OutsiderToken));
        Assert.Equal(outsider.Count, outsider.Select(WireKey).Distinct().Count());
        Assert.All(outsider, m => Assert.True(m[0].Points[0].Timestamp >= raceStart));
        var windBot = await MessagesAsync(World.WindBots[2].SerialNumber, start, end, AllCases, Bearer(CoachToken));
        Assert.Equal(windBot.Count, windBot.Select(WireKey).Distinct().Count());
    }

    private static string WireKey(List<WireDataMsg> message) => string.Join("|", message.SelectMany(d => d.Points).Select(p => p.Key));

    [Fact]
    public async Task Messages_come_in_a_seeded_shuffled_order_the_same_for_every_request_and_instance_of_a_seed()
    {
        var device = World.WindBots[0];
        long start = Ms(World.Races[0].StartTime), end = start + 600_000;
        string path = DataPath([device.SerialNumber], start, end, AllCases);
        string first = await TextAsync(Http, path);
        Assert.Equal(first, await TextAsync(Http, path, Bearer(OwnerToken)));
        await using (var again = await StartAsync())
        {
            using var http = new HttpClient { BaseAddress = again.BaseUri };
            Assert.Equal(first, await TextAsync(http, path));
        }

        var times = ParseData(first).Single().Messages.Select(m => WireReader.DecodeMsg(m)[0].Points[0].Timestamp).ToList();
        Assert.True(times.Count > 100);
        Assert.NotEqual(times.Order(), times);
        var expected = Emulator.Sap.Query(World.SapAnonymous, [device.SerialNumber], start, end, AllCases).Single();
        Assert.Equal(expected.Messages.Select(m => Convert.ToBase64String(m.Encode())), JsonDocument.Parse(first).RootElement
            .GetProperty(device.SerialNumber).EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(Emulator.Sap.Messages(World.SapAnonymous, device, start, end, AllCases).Select(m => m.Time), times.Order());
    }

    // ---- the encoder against real bytes ----

    [Fact]
    public void The_encoder_reproduces_the_fixtures_bytes_from_their_decoded_values()
    {
        // docs/design/sap-dialect.md section 5.5; the doubles at full precision (the table rounds some of them).
        const string serial = "DC-MM-AACN";
        double alt = BitConverter.Int64BitsToDouble(0x0006f6884000bef0);
        static SapMessage Msg(params SapPoint[] points) => new([new SapDataMessage(points, serial, 3, 358)]);
        static SapMessage Fix(long t, double lat, double lon, double alt) =>
            Msg(new SapPositionPoint(t, lat, lon, alt, 7), new SapIntegerPoint(SapCases.SatCount, t, 4), new SapIntegerPoint(SapCases.Quality, t, 1));
        static SapMessage Speed(long t, double sog) => Msg(new SapDoublePoint(SapCases.Cog, t, 0.0), new SapDoublePoint(SapCases.Sog, t, sog));
        SapMessage[][] expected =
        [
            [Speed(1732206572500, 0.283356), Fix(1732206573000, 54.3233795, 10.13002, alt), Speed(1732206573000, 0.29817200000000005)],
            [Fix(1732206574000, 54.323387833333335, 10.129999833333333, alt), Speed(1732206574000, 0.188904),
             Fix(1732206574500, 54.32339133333333, 10.1299905, alt)],
        ];
        var lines = Fixtures.Lines("sap-riot_resources_data_base64_protobuf.jsonl");
        Assert.Equal(2, lines.Length);
        for (int line = 0; line < lines.Length; line++)
        {
            var values = JsonDocument.Parse(lines[line]).RootElement.GetProperty("DC-FE-AAKG").EnumerateArray().Select(v => v.GetString()!).ToArray();
            Assert.Equal(values, expected[line].Select(m => Convert.ToBase64String(SapProtobuf.Encode(m))));
        }
        Assert.Equal([52, 87], expected[0].Take(2).Select(m => m.Encode().Length));
    }

    [Fact]
    public void The_encoder_leaves_out_defaults_and_writes_negative_int32_as_ten_bytes()
    {
        var empty = new SapMessage([new SapDataMessage([new SapDoublePoint(SapCases.Cog, 0, 0.0)], "", 0, 0)]);
        Assert.Equal(Convert.FromHexString("1206" + "0A04" + "0A02" + "3200"), empty.Encode());
        var negative = SapProtobuf.Encode(new SapMessage([new SapDataMessage([new SapIntegerPoint(SapCases.Quality, 0, -1)], "", 0, 0)]));
        Assert.Equal(Convert.FromHexString("1211" + "0A0F" + "0A0D" + "120B" + "10FFFFFFFFFFFFFFFFFF01"), negative);
        var sourced = new SapHeartRatePoint(5, 6, 7, 8) { SourceId = 201 };
        var bytes = SapProtobuf.Encode(new SapMessage([new SapDataMessage([sourced], "S", 3, 9)]));
        var point = Assert.Single(Assert.Single(WireReader.DecodeMsg(bytes)).Points);
        Assert.Equal((13, 5L, 201u, 6UL, 7UL, 8UL), (point.Case, point.Timestamp, point.SourceId, point.Varint(2), point.Varint(3), point.Varint(4)));
        Assert.Contains("C83EC901", Convert.ToHexString(bytes));
    }

    // ---- latest ----

    [Fact]
    public async Task Latest_synthesizes_one_point_per_readable_serial_at_or_before_the_clock()
    {
        string yb = World.YachtBots[0].SerialNumber, wb = World.WindBots[0].SerialNumber;
        string query = $"igtimi/api/v1/resources/data/latest?type=1&serial_numbers[]={yb.ToLowerInvariant()}&serial_numbers[]={wb}&serial_numbers[]={wb}";
        var owner = ParseData(await TextAsync(Http, query, Bearer(OwnerToken)));
        Assert.Equal([yb.ToLowerInvariant(), wb], owner.Select(k => k.Serial));
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (serial, messages) in owner)
        {
            var dataMsg = Assert.Single(WireReader.DecodeMsg(Assert.Single(messages)));
            Assert.Equal(serial, dataMsg.Serial);
            Assert.Equal((0, 0u), (dataMsg.TypeOfService, dataMsg.StreamId));
            var point = Assert.Single(dataMsg.Points);
            Assert.Equal(SapCases.Position, point.Case);
            Assert.True(point.Timestamp <= now);
            var device = World.FindDevice(serial)!;
            var expected = Emulator.Data.Latest(device, 1, DateTimeOffset.UtcNow, World.Owner)!.Value.Sample;
            Assert.Equal(expected.Time, point.Timestamp);
            Assert.Equal(expected.Values, point.IgtimiValues());
        }

        var anonymous = ParseData(await TextAsync(Http, query));
        Assert.Equal([wb], anonymous.Select(k => k.Serial));
        var battery = ParseData(await TextAsync(Http, $"igtimi/api/v1/resources/data/latest?type=50&serial_numbers[]={wb}"));
        Assert.Equal(SapCases.Number, WireReader.DecodeMsg(battery.Single().Messages.Single())[0].Points[0].Case);
        Assert.Equal("{}", await TextAsync(Http, $"igtimi/api/v1/resources/data/latest?type=15&serial_numbers[]={wb}"));
        Assert.Equal("{}", await TextAsync(Http, $"igtimi/api/v1/resources/data/latest?serial_numbers[]={wb}"));
        using var bad = await GetAsync(Http, $"igtimi/api/v1/resources/data/latest?type=gps&serial_numbers[]={wb}");
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
    }

    // ---- the rest of the gateway ----

    [Fact]
    public async Task Server_lister_gives_exactly_one_socket_url_with_escaped_slashes_and_honours_x_forwarded_proto()
    {
        string raw = await TextAsync(Http, "igtimi/api/v1/server_listers/web_sockets");
        Assert.Equal("{\"web_socket_servers\":[\"ws:\\/\\/" + Emulator.BaseUri.Authority + "\\/igtimi\\/websocket\"]}", raw);
        using var request = new HttpRequestMessage(HttpMethod.Get, "igtimi/api/v1/server_listers/web_sockets");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "wind.example.test";
        using var response = await Http.SendAsync(request);
        var url = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("web_socket_servers").EnumerateArray().Single();
        Assert.Equal("wss://wind.example.test:443/igtimi/websocket", url.GetString());
        Assert.Equal("{\"port\":6000}", await TextAsync(Http, "igtimi/api/v1/server"));
        Assert.Equal("{\"resources\":[]}", await TextAsync(Http, "igtimi/api/v1/resources?serial_numbers[]=X", Bearer(OwnerToken)));
    }

    [Fact]
    public async Task Posts_are_not_queries_anonymous_writes_are_refused_and_unknown_paths_are_404()
    {
        using (var post = await PostFormAsync(Http, "igtimi/api/v1/resources/data", ("_method", "GET"), ("serial_numbers[]", "X")))
            Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        // A JSON POST there is a write (an anonymous caller has no right to it); a form POST is no query either.
        foreach (var (path, body) in new[]
                 {
                     ("igtimi/api/v1/devices", "{\"id\":0,\"serial_number\":\"DC-GD-AAED\"}"),
                     ("igtimi/api/v1/data_access_windows", "{\"id\":0,\"start_time\":1,\"end_time\":2,\"device_serial_number\":\"DC-GD-AAED\"}"),
                 })
        {
            using var form = await PostFormAsync(Http, path, ("_method", "GET"));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
            using var json = await Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
            Assert.StartsWith("Subject does not have permission [", await json.Content.ReadAsStringAsync());
            Assert.Empty(json.Headers.WwwAuthenticate);
        }
        foreach (string path in new[] { "igtimi/api/v1/account", "igtimi/api/v1/devices/data_access_windows", "igtimi/api/v1/sessions", "igtimi/x",
                     "security/api/restsecurity/nothing" })
        {
            using var response = await GetAsync(Http, path, Bearer(OwnerToken));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("HTTP ERROR 404", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_sap_flavor_serves_none_of_the_igtimi_com_paths()
    {
        foreach (string path in new[] { "api/v1/account", "api/v1/devices", "api/v1/resources/data", "oauth/token", "oauth/authorize", "users/sign_in",
                     "server_listers/web_sockets", "live_api", "live_api2" })
        {
            using var response = await GetAsync(Http, path, new("Bearer", EmulatorCredentials.OwnerToken));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using var token = await PostFormAsync(Http, "oauth/token", ("grant_type", "password"), ("username", EmulatorCredentials.OwnerEmail),
            ("password", EmulatorCredentials.OwnerPassword), ("client_id", EmulatorCredentials.DemoClientId));
        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
    }

    [Fact]
    public async Task The_igtimi_flavor_serves_none_of_the_sap_paths()
    {
        await using var emulator = await StartAsync(flavor: EmulatorFlavor.Igtimi);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        foreach (string path in new[] { "igtimi/api/v1/server_listers/web_sockets", "igtimi/api/v1/devices", "igtimi/api/v1/server", "igtimi/websocket",
                     TokenPath, "security/api/restsecurity/hello" })
        {
            using var response = await GetAsync(http, path, Bearer(OwnerToken));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Contains("/live_api", await TextAsync(http, "server_listers/web_sockets"));
        Assert.Equal(EmulatorFlavor.Igtimi, emulator.Flavor);
    }

    [Fact]
    public async Task Admin_endpoints_and_scripted_faults_work_in_the_sap_flavor()
    {
        await using var emulator = await StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        using (var fault = await http.PostAsync("_emulator/faults",
                   new StringContent("{\"kind\":\"status\",\"status\":503,\"path_prefix\":\"/igtimi/api/v1/devices\"}", Encoding.UTF8, "application/json")))
            Assert.True(fault.IsSuccessStatusCode);
        using (var faulted = await GetAsync(http, "igtimi/api/v1/devices"))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Contains("\"devices\"", await TextAsync(http, "igtimi/api/v1/devices"));
        emulator.Faults.EnqueueReset(10, "/igtimi/api/v1/resources/data");
        await Assert.ThrowsAnyAsync<Exception>(() => TextAsync(http,
            DataPath([emulator.World.WindBots[0].SerialNumber], Ms(emulator.World.Races[0].StartTime), Ms(emulator.World.Races[0].EndTime!.Value), AllCases)));

        var requests = JsonDocument.Parse(await TextAsync(http, "_emulator/requests")).RootElement.GetProperty("requests").EnumerateArray().ToList();
        Assert.Contains(requests, r => r.GetProperty("path").GetString() == "/igtimi/api/v1/devices" && r.GetProperty("status").GetInt32() == 503);
        Assert.Contains("now_ms", await TextAsync(http, "_emulator/live_clock"));

        using (var echo = await GetAsync(http, "_emulator/echo?a=1", Bearer(OwnerToken)))
            Assert.Equal("?a=1", JsonDocument.Parse(await echo.Content.ReadAsStringAsync()).RootElement.GetProperty("query_string").GetString());
        using (var noEcho = await GetAsync(http, "_emulator/echo", Bearer(EmulatorCredentials.OwnerToken)))
            Assert.Equal(HttpStatusCode.Unauthorized, noEcho.StatusCode);
        Assert.Equal(0, emulator.SapSecurity.FailedLoginCount);
    }
}
