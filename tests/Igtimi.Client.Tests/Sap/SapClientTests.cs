using System.Net;
using Igtimi.Client.Api;
using Igtimi.Client.Auth;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Sap;

/// <summary>Both emulators of one seed and anchor date: the SAP flavor and the igtimi.com flavor of the same world.</summary>
public sealed class TwoFlavorFixture : IAsyncLifetime
{
    public static readonly DateOnly Anchor = new(2025, 6, 15);

    public RunningEmulator Sap { get; private set; } = null!;
    public RunningEmulator Igtimi { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sap = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = Anchor, Flavor = EmulatorFlavor.Sap, SapLockMs = 0 });
        Igtimi = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = Anchor });
    }

    public async Task DisposeAsync()
    {
        await Sap.DisposeAsync();
        await Igtimi.DisposeAsync();
    }

    public static IgtimiClientOptions Options(Uri baseUri) => new(baseUri)
    {
        Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
    };
}

/// <summary>
/// The client against the SAP flavor: the dialect found by probing, SAP's sign-in, the token proved by
/// whoami, and every read giving what the igtimi.com flavor of the same world gives.
/// </summary>
public class SapClientTests : IClassFixture<TwoFlavorFixture>
{
    private readonly TwoFlavorFixture _f;

    public SapClientTests(TwoFlavorFixture fixture) => _f = fixture;

    private Task<IgtimiConnection> SapAsync(string token = EmulatorCredentials.OwnerSapToken, string suffix = "") =>
        IgtimiConnection.ConnectAsync(TwoFlavorFixture.Options(new Uri(_f.Sap.BaseUri, suffix)), new AccessTokenGrant(token), default);

    private Task<IgtimiConnection> IgtimiAsync() =>
        IgtimiConnection.ConnectAsync(TwoFlavorFixture.Options(_f.Igtimi.BaseUri), new AccessTokenGrant(EmulatorCredentials.OwnerToken), default);

    private static async Task<List<IgtimiDataBlock>> DownloadAsync(IgtimiConnection connection, IgtimiDataQuery query)
    {
        var blocks = new List<IgtimiDataBlock>();
        await new IgtimiDataDownloader(connection, query).RunAsync((b, _) => { lock (blocks) blocks.Add(b); return Task.CompletedTask; }, default);
        return blocks;
    }

    private static List<string> Keys(IEnumerable<IgtimiDataBlock> blocks) =>
        blocks.SelectMany(b => Enumerable.Range(0, b.Count).Select(i => b.PointAt(i)))
            .Select(p => $"{p.SerialNumber}|{p.Type}|{p.UnixTimeMilliseconds}|{string.Join(",", p.Values)}")
            .OrderBy(k => k, StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("")]
    [InlineData("igtimi")]
    [InlineData("igtimi/")]
    [InlineData("igtimi/api/v1/")]
    public async Task The_SAP_dialect_is_found_from_the_root_or_the_API_path(string suffix)
    {
        using var connection = await SapAsync(suffix: suffix);
        Assert.Equal(IgtimiServerFlavor.Sap, connection.Flavor);
        Assert.Equal(_f.Sap.BaseUri, connection.BaseUri);
        Assert.Equal(new Uri(_f.Sap.BaseUri, "igtimi/api/v1/"), connection.ApiUri);
        Assert.Equal("owner", connection.UserName);
    }

    [Fact]
    public async Task An_igtimi_com_server_is_found_as_one()
    {
        using var connection = await IgtimiAsync();
        Assert.Equal(IgtimiServerFlavor.Igtimi, connection.Flavor);
    }

    [Fact]
    public async Task A_password_is_exchanged_for_the_users_access_token()
    {
        using var connection = await IgtimiConnection.ConnectAsync(TwoFlavorFixture.Options(_f.Sap.BaseUri),
            new PasswordGrant(null, null, EmulatorCredentials.CoachUserName, "coach-pass"), default);
        Assert.Equal("coach", connection.UserName);
        Assert.Equal(AuthenticationMethod.Password, connection.AuthenticationMethod);
        Assert.Equal(16, (await connection.GetDevicesAsync(null, default)).Count);
    }

    [Fact]
    public async Task A_bad_token_is_an_authentication_error_after_one_whoami_and_no_retry()
    {
        var before = _f.Sap.SapSecurity.AccessTokenRequestCount;
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => SapAsync(new string('q', 43)));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("refused the access token", error.Message);
        Assert.Equal(before + 1, _f.Sap.SapSecurity.AccessTokenRequestCount);
    }

    [Fact]
    public async Task Anonymous_sees_only_the_public_device()
    {
        using var connection = await IgtimiConnection.ConnectAsync(TwoFlavorFixture.Options(_f.Sap.BaseUri), new AnonymousGrant(), default);
        Assert.True(connection.IsAnonymous);
        Assert.Equal("<all>", connection.UserName);
        var devices = await connection.GetDevicesAsync(null, default);
        Assert.Equal(new[] { _f.Sap.World.WindBots[0].SerialNumber }, devices.Select(d => d.SerialNumber));
    }

    [Fact]
    public async Task The_OAuth2_grants_are_not_offered()
    {
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(TwoFlavorFixture.Options(_f.Sap.BaseUri),
            new ImplicitGrant("abc", "http://127.0.0.1/cb", noBrowser: true, new NoInteraction()), default));
        Assert.Equal(IgtimiErrorKind.NotOffered, error.Kind);
    }

    /// <summary>A sign-in that must never get as far as asking the user.</summary>
    private sealed class NoInteraction : IAuthorizationInteraction
    {
        public bool TryOpenBrowser(Uri authorizeUri) => throw new InvalidOperationException("opened a browser");

        public Task<string> ReadPastedResponseAsync(Uri authorizeUri, string instructions, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("asked the user");

        public void Inform(string message) => throw new InvalidOperationException("told the user: " + message);
    }

    [Fact]
    public async Task What_the_server_lacks_is_not_offered_without_a_request()
    {
        using var connection = await SapAsync();
        // The emulator logs a request once its answer is written: let the sign-in's last request land first.
        long before;
        do
        {
            before = _f.Sap.Faults.RequestCount;
            await Task.Delay(100);
        } while (before != _f.Sap.Faults.RequestCount);
        foreach (var call in new Func<Task>[]
                 {
                     () => connection.GetUsersAsync(default), () => connection.GetGroupsAsync(default),
                     () => connection.GetSessionsAsync(new IgtimiSessionFilter(), default), () => connection.GetSessionLogAsync(1, default),
                     () => connection.GetResourcesAsync(new IgtimiResourceFilter(), default), () => connection.GetServerDataTypesAsync(default),
                 })
        {
            var error = await Assert.ThrowsAsync<IgtimiApiException>(call);
            Assert.Equal(IgtimiErrorKind.NotOffered, error.Kind);
        }
        Assert.Equal(before, _f.Sap.Faults.RequestCount);
    }

    [Fact]
    public async Task Devices_and_windows_are_those_of_the_igtimi_flavor()
    {
        using var sap = await SapAsync();
        using var igtimi = await IgtimiAsync();
        var sapDevices = await sap.GetDevicesAsync(null, default);
        var igtimiDevices = await igtimi.GetDevicesAsync(null, default);
        Assert.Equal(igtimiDevices.Select(d => (d.Id, d.SerialNumber, d.Name)), sapDevices.Select(d => (d.Id, d.SerialNumber, d.Name)));

        var serials = sapDevices.Select(d => d.SerialNumber).ToList();
        var filter = new IgtimiTimeWindowFilter { SerialNumbers = IgtimiSerialNumbers.From(serials) };
        var sapWindows = await sap.GetDataAccessWindowsAsync(filter, default);
        var igtimiWindows = await igtimi.GetDataAccessWindowsAsync(new IgtimiTimeWindowFilter { SerialNumbers = IgtimiSerialNumbers.From(serials) }, default);
        Assert.Equal(igtimiWindows.Select(w => (w.Id, w.DeviceSerialNumber, w.StartTime, w.EndTime)).OrderBy(w => w.Id),
            sapWindows.Select(w => (w.Id, w.DeviceSerialNumber, w.StartTime, w.EndTime)).OrderBy(w => w.Id));
    }

    [Fact]
    public async Task A_regatta_day_of_the_whole_fleet_gives_the_igtimi_flavors_points_exactly()
    {
        using var sap = await SapAsync();
        using var igtimi = await IgtimiAsync();
        var serials = _f.Sap.World.Devices.Select(d => d.SerialNumber).ToList();
        var day = new DateTimeOffset(TwoFlavorFixture.Anchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        IgtimiDataQuery Query() => new()
        {
            SerialNumbers = serials, Start = day.AddHours(10), End = day.AddHours(13), Types = new[] { 1, 2, 3, 6, 8, 9, 11, 12, 13 },
            SliceLength = TimeSpan.FromMinutes(50),
        };
        var expected = Keys(await DownloadAsync(igtimi, Query()));
        var actual = Keys(await DownloadAsync(sap, Query()));
        Assert.True(expected.Count > 100_000, $"{expected.Count} points");
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Every_block_is_in_time_order_without_duplicates_though_the_server_shuffles_and_repeats()
    {
        using var sap = await SapAsync(EmulatorCredentials.CoachSapToken);
        var yachtBot = _f.Sap.World.YachtBots[0].SerialNumber;
        var day = new DateTimeOffset(TwoFlavorFixture.Anchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var blocks = await DownloadAsync(sap, new IgtimiDataQuery { SerialNumbers = new[] { yachtBot }, Start = day.AddHours(11), End = day.AddHours(12) });
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
            for (var i = 1; i < block.Count; i++)
                Assert.True(block.Times[i] > block.Times[i - 1], $"{block.SerialNumber} type {block.Type}: {block.Times[i - 1]} then {block.Times[i]}");
    }

    [Fact]
    public async Task Without_types_the_download_asks_for_every_case_the_client_reads_and_gets_the_battery_as_50()
    {
        using var sap = await SapAsync();
        var windBot = _f.Sap.World.WindBots[0].SerialNumber;
        var day = new DateTimeOffset(TwoFlavorFixture.Anchor.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var blocks = await DownloadAsync(sap, new IgtimiDataQuery { SerialNumbers = new[] { windBot }, Start = day.AddHours(11), End = day.AddHours(12) });
        Assert.Contains(blocks, b => b.Type == 50 && b.Count > 0);
        Assert.Contains(blocks, b => b.Type == 12 && b.Count > 0);
    }

    [Fact]
    public async Task A_long_serial_list_is_split_over_several_GETs_under_the_URI_cap()
    {
        using var sap = await SapAsync();
        var serials = Enumerable.Range(0, 900).Select(i => $"ZZ-{i / 26 % 26 + 'A':c}{i % 26 + 'A':c}-{i:D4}").ToList();
        var before = _f.Sap.Faults.RecentRequests.Count(r => r.Path.EndsWith("/data_access_windows", StringComparison.Ordinal));
        var windows = await sap.GetDataAccessWindowsAsync(new IgtimiTimeWindowFilter { SerialNumbers = IgtimiSerialNumbers.From(serials) }, default);
        Assert.Empty(windows);
        var after = _f.Sap.Faults.RecentRequests.Where(r => r.Path.EndsWith("/data_access_windows", StringComparison.Ordinal)).ToList();
        Assert.True(after.Count - before >= 2, $"{after.Count - before} requests");
        Assert.All(after, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task The_latest_points_are_those_of_the_igtimi_flavor()
    {
        using var sap = await SapAsync();
        using var igtimi = await IgtimiAsync();
        var serials = _f.Sap.World.Devices.Select(d => d.SerialNumber).ToList();
        foreach (var type in new[] { 1, 9, 12 })
        {
            var expected = await igtimi.GetLatestDataAsync(type, serials, default);
            var actual = await sap.GetLatestDataAsync(type, serials, default);
            Assert.NotEmpty(actual);
            Assert.Equal(expected.Select(p => (p.SerialNumber, p.Type, p.UnixTimeMilliseconds, string.Join(",", p.Values))),
                actual.Select(p => (p.SerialNumber, p.Type, p.UnixTimeMilliseconds, string.Join(",", p.Values))));
        }
    }

    [Fact]
    public async Task The_live_server_is_the_gateways_websocket()
    {
        using var sap = await SapAsync();
        var servers = await sap.GetLiveServersAsync(default);
        var server = Assert.Single(servers);
        Assert.Equal("/igtimi/websocket", server.AbsolutePath);
    }
}
