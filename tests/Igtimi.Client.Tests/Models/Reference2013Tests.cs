using Igtimi.Client.Api;
using Igtimi.Client.Json;
using Igtimi.Client.Models;
using Xunit;

namespace Igtimi.Client.Tests.Models;

/// <summary>The read-side corrections of docs/design/igtimi-api-2013.md section 6.2, on the reference's own samples (tests/fixtures/igtimi-2013_*).</summary>
public class Reference2013Tests
{
    private static async Task<IReadOnlyList<T>> List<T>(string fixture, string list, string item) =>
        await ApiJson.ReadListAsync<T>(Fixtures.Response(Fixtures.Read(fixture)), list, item, default);

    [Fact]
    public async Task Session_times_keep_their_sub_millisecond_fractions()
    {
        var session = Assert.Single(await List<IgtimiSession>("igtimi-2013_sessions.json", "sessions", "session"));
        var epoch = DateTimeOffset.FromUnixTimeMilliseconds(0);
        Assert.Equal(1362361340333.454, (session.StartTime!.Value - epoch).TotalMilliseconds, 3);
        Assert.Equal(1362361640335.23, (session.EndTime!.Value - epoch).TotalMilliseconds, 3);
        Assert.Equal(TimeSpan.Zero, session.StartTime.Value.Offset);
    }

    [Fact]
    public async Task A_window_without_id_or_recipient_ending_in_2113_is_read()
    {
        var window = Assert.Single(await List<IgtimiDataAccessWindow>("igtimi-2013_data_access_windows.json", "data_access_windows", "data_access_window"));
        Assert.Null(window.Id);
        Assert.Null(window.Recipient);
        Assert.Equal(2113, window.EndTime!.Value.Year);
        Assert.Equal(100, window.EndTime.Value.Year - window.StartTime!.Value.Year);
        Assert.Equal(4912, window.StartTime.Value.Ticks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public async Task Devices_and_the_registered_device_keep_their_fields_and_miss_none_silently()
    {
        var device = Assert.Single(await List<IgtimiDevice>("igtimi-2013_devices.json", "devices", "device"));
        Assert.Equal(("abcdef", 4L, 4L, 3L), (device.ServiceTag, device.OwnerId, device.DeviceUserGroupId, device.AdminDeviceUserGroupId));
        var registered = await ApiJson.ReadSingleAsync<IgtimiDevice>(Fixtures.Response(Fixtures.Read("igtimi-2013_device_registered.json")), "device", default);
        Assert.Equal("AAAA-AA-AA", registered.SerialNumber);
        Assert.Null(registered.OwnerId);
        Assert.True(registered.Permissions!.Modify);
    }

    [Fact]
    public async Task Groups_mark_the_hidden_system_groups_and_come_in_no_order()
    {
        var groups = await List<IgtimiGroup>("igtimi-2013_groups.json", "groups", "group");
        Assert.Equal(new long?[] { 3, 2, 4 }, groups.Select(g => g.Id));
        Assert.Equal(new[] { "_members", "_public" }, groups.Where(g => g.Hidden).Select(g => g.Name));
        Assert.Equal("test", Assert.Single(IgtimiGroupFilter.Visible(groups, includeHidden: false)).Name);
        Assert.Equal(3, IgtimiGroupFilter.Visible(groups, includeHidden: true).Count);
    }

    [Fact]
    public async Task Resources_have_integer_times_and_types()
    {
        var resource = Assert.Single(await List<IgtimiResource>("igtimi-2013_resources.json", "resources", "resource"));
        Assert.Equal(TimeSpan.FromSeconds(300), resource.EndTime - resource.StartTime);
        Assert.Equal(new[] { 1, 2, 3 }, resource.DataTypes);
    }

    [Fact]
    public async Task A_time_past_the_year_9999_is_clamped_not_a_failure()
    {
        var json = "{\"data_access_windows\":[{\"data_access_window\":{\"start_time\":1361756171928.4912,\"end_time\":3e14,\"device_serial_number\":\"A\"}}]}";
        var window = Assert.Single(await ApiJson.ReadListAsync<IgtimiDataAccessWindow>(Fixtures.Response(json), "data_access_windows",
            "data_access_window", default));
        Assert.Equal(DateTimeOffset.MaxValue, window.EndTime);
    }
}
