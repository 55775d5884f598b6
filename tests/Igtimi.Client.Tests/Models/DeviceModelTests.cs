using System.Text.Json;
using System.Text.Json.Nodes;
using Igtimi.Client.Json;
using Igtimi.Client.Models;
using Xunit;

namespace Igtimi.Client.Tests.Models;

public class DeviceModelTests
{
    private const string FixtureName = "tracker-scraper_device_object.json";

    private static IgtimiDevice Parse(string json) =>
        JsonSerializer.Deserialize<IgtimiDevice>(json, ApiJson.Options) ?? throw new InvalidOperationException("null device");

    [Fact]
    public void Device_fixture_maps_every_field()
    {
        var json = Fixtures.Read(FixtureName);
        var device = Parse(json);

        Assert.Equal(3010L, device.Id);
        Assert.Equal("YB-9", device.Name);
        Assert.Equal("DC-GD-AADE", device.SerialNumber);
        Assert.Null(device.Uid);
        Assert.Null(device.Imei);
        Assert.Equal(3053L, device.OwnerId);
        Assert.Equal(17823L, device.DeviceUserGroupId);
        Assert.Equal(17822L, device.AdminDeviceUserGroupId);
        Assert.NotNull(device.Permissions);
        Assert.False(device.Permissions!.Read);
        Assert.False(device.Permissions.Modify);
        Assert.Equal("None", device.Permissions.ToString());
        Assert.False(device.Blob);
        Assert.True(device.DeviceInfo);
        Assert.Equal("YB-9 (DC-GD-AADE)", device.ToString());
    }

    [Fact]
    public void Service_tag_absent_from_the_fixture_is_null()
    {
        var json = Fixtures.Read(FixtureName);
        using (var document = JsonDocument.Parse(json))
            Assert.False(document.RootElement.TryGetProperty("service_tag", out _), "the fixture was expected to lack service_tag");

        Assert.Null(Parse(json).ServiceTag);
    }

    [Fact]
    public void Every_fixture_member_is_mapped_so_nothing_spills_into_additional_properties()
    {
        var device = Parse(Fixtures.Read(FixtureName));
        Assert.True(device.AdditionalProperties is null || device.AdditionalProperties.Count == 0,
            "unexpected extra members: " + string.Join(", ", device.AdditionalProperties?.Keys ?? Enumerable.Empty<string>()));
    }

    [Fact]
    public void Unknown_members_end_up_in_additional_properties()
    {
        var node = JsonNode.Parse(Fixtures.Read(FixtureName))!.AsObject();
        node["firmware_version"] = "3.1.4";
        node["sensors"] = new JsonObject { ["wind"] = true, ["channels"] = new JsonArray(1, 2, 3) };
        var device = Parse(node.ToJsonString());

        // The known members are still read.
        Assert.Equal(3010L, device.Id);
        Assert.Equal("DC-GD-AADE", device.SerialNumber);

        Assert.NotNull(device.AdditionalProperties);
        Assert.Equal(new[] { "firmware_version", "sensors" }, device.AdditionalProperties!.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("3.1.4", device.AdditionalProperties["firmware_version"].GetString());
        var sensors = device.AdditionalProperties["sensors"];
        Assert.True(sensors.GetProperty("wind").GetBoolean());
        Assert.Equal(new[] { 1, 2, 3 }, sensors.GetProperty("channels").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Serializing_back_loses_nothing()
    {
        var original = JsonNode.Parse(Fixtures.Read(FixtureName))!.AsObject();
        original["firmware_version"] = "3.1.4";
        original["sensors"] = new JsonObject { ["wind"] = true, ["channels"] = new JsonArray(1, 2, 3) };

        var device = Parse(original.ToJsonString());
        var written = JsonNode.Parse(JsonSerializer.Serialize(device, ApiJson.Options))!.AsObject();

        foreach (var member in original)
        {
            Assert.True(written.ContainsKey(member.Key), $"'{member.Key}' was lost when writing the device back");
            Assert.True(JsonNode.DeepEquals(member.Value, written[member.Key]),
                $"'{member.Key}' changed: {member.Value?.ToJsonString() ?? "null"} → {written[member.Key]?.ToJsonString() ?? "null"}");
        }
    }

    [Fact]
    public async Task Wrapped_device_list_is_read_through_api_json()
    {
        // igtimi.com's list shape (docs/design/igtimi-api.md section 4.5): {"devices":[{"device":{…}}]}, here around the real object.
        var wrapped = "{\"devices\":[{\"device\":" + Fixtures.Read(FixtureName) + "}]}";
        using var response = Fixtures.Response(wrapped);
        var devices = await ApiJson.ReadListAsync<IgtimiDevice>(response, "devices", "device", CancellationToken.None);

        var device = Assert.Single(devices);
        Assert.Equal(3010L, device.Id);
        Assert.Equal("YB-9", device.Name);
        Assert.True(device.DeviceInfo);
    }

    [Fact]
    public async Task Unknown_members_survive_the_api_json_path_after_the_response_is_gone()
    {
        var node = JsonNode.Parse(Fixtures.Read(FixtureName))!.AsObject();
        node["firmware_version"] = "3.1.4";
        var wrapped = "{\"devices\":[{\"device\":" + node.ToJsonString() + "}]}";

        IReadOnlyList<IgtimiDevice> devices;
        using (var response = Fixtures.Response(wrapped))
            devices = await ApiJson.ReadListAsync<IgtimiDevice>(response, "devices", "device", CancellationToken.None);

        // ApiJson disposed its JsonDocument; the kept elements must not depend on it.
        GC.Collect();
        var extra = Assert.Single(devices).AdditionalProperties!;
        Assert.Equal("3.1.4", extra["firmware_version"].GetString());
    }

    [Fact]
    public void Ids_sent_as_floats_or_strings_are_read()
    {
        var json = Fixtures.Read(FixtureName).Replace("\"id\": 3010", "\"id\": 3010.0").Replace("\"owner_id\": 3053", "\"owner_id\": \"3053\"");
        Assert.Contains("3010.0", json);
        Assert.Contains("\"3053\"", json);
        var device = Parse(json);
        Assert.Equal(3010L, device.Id);
        Assert.Equal(3053L, device.OwnerId);
    }
}
