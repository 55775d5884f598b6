using System.Text.Json;
using Igtimi.Client.Json;
using Igtimi.Client.Models;
using Xunit;

namespace Igtimi.Client.Tests.Models;

public class ResourceAndWindowTests
{
    // The example of docs/design/igtimi-api.md section 4.7.
    private const string ResourcesExample = """
        {"resources":[{"resource":{"id":1012412,"start_time":1384941150580.0,"end_time":1384941923580.0,
         "device_serial_number":"GA-DK-AAAD","data_types":[1,2,3,4,5,6,9],"permissions":{"read":true,"modify":false},"blob":false}}]}
        """;

    // The example of docs/design/igtimi-api.md section 4.6.
    private const string DataAccessWindowsExample = """
        {"data_access_windows":[{"data_access_window":{"id":17012,"start_time":1383811200000.0,"end_time":1383933600000.0,
         "device_serial_number":"DD-EE-AAGA","permissions":{"read":true,"modify":false},
         "recipient":{"group":{"id":22729,"name":"…","permissions":{"read":true,"modify":false},"hidden":false}}}}]}
        """;

    /// <summary>The inner object of a documented list: root[list][0][item].</summary>
    private static string Inner(string json, string list, string item)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(list)[0].GetProperty(item).GetRawText();
    }

    private static T Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, ApiJson.Options) ?? throw new InvalidOperationException("null");

    [Fact]
    public void Resource_example_maps_every_field()
    {
        var resource = Parse<IgtimiResource>(Inner(ResourcesExample, "resources", "resource"));

        Assert.Equal(1012412L, resource.Id);
        Assert.Equal(new DateTimeOffset(2013, 11, 20, 9, 52, 30, 580, TimeSpan.Zero), resource.StartTime);
        Assert.Equal(new DateTimeOffset(2013, 11, 20, 10, 5, 23, 580, TimeSpan.Zero), resource.EndTime);
        Assert.Equal("GA-DK-AAAD", resource.DeviceSerialNumber);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 9 }, resource.DataTypes);
        Assert.Equal(
            new[] { "gps_latlong", "gps_quality_indicator", "gps_quality_sat_count", "gps_quality_hdop", "gps_altitude", "cog", "sog" },
            resource.DataTypeNames);
        Assert.NotNull(resource.Permissions);
        Assert.True(resource.Permissions!.Read);
        Assert.False(resource.Permissions.Modify);
        Assert.False(resource.Blob);
        Assert.True(resource.AdditionalProperties is null || resource.AdditionalProperties.Count == 0);
    }

    [Fact]
    public void Resource_with_an_unknown_type_code_still_names_it()
    {
        var resource = Parse<IgtimiResource>("{\"id\":1,\"data_types\":[12,77]}");
        Assert.Equal(new[] { "aws", "type_77" }, resource.DataTypeNames);
    }

    [Fact]
    public void Resource_without_data_types_has_an_empty_list()
    {
        var resource = Parse<IgtimiResource>("{\"id\":1}");
        Assert.Empty(resource.DataTypes);
        Assert.Empty(resource.DataTypeNames);
    }

    [Fact]
    public async Task Resource_example_is_read_through_api_json()
    {
        using var response = Fixtures.Response(ResourcesExample);
        var resources = await ApiJson.ReadListAsync<IgtimiResource>(response, "resources", "resource", CancellationToken.None);
        var resource = Assert.Single(resources);
        Assert.Equal(1012412L, resource.Id);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 9 }, resource.DataTypes);
    }

    [Fact]
    public void Data_access_window_example_maps_every_field()
    {
        var window = Parse<IgtimiDataAccessWindow>(Inner(DataAccessWindowsExample, "data_access_windows", "data_access_window"));

        Assert.Equal(17012L, window.Id);
        Assert.Equal(new DateTimeOffset(2013, 11, 7, 8, 0, 0, TimeSpan.Zero), window.StartTime);
        Assert.Equal(new DateTimeOffset(2013, 11, 8, 18, 0, 0, TimeSpan.Zero), window.EndTime);
        Assert.Equal("DD-EE-AAGA", window.DeviceSerialNumber);
        Assert.True(window.Permissions!.Read);
        Assert.False(window.Permissions.Modify);

        var recipient = window.Recipient;
        Assert.NotNull(recipient);
        Assert.Equal("Group", recipient!.Kind);
        Assert.Equal(22729L, recipient.Id);
        Assert.Equal("…", recipient.Name);
        Assert.Null(recipient.User);
        var group = Assert.IsType<IgtimiGroup>(recipient.Value);
        Assert.Same(recipient.Group, group);
        Assert.Equal(22729L, group.Id);
        Assert.False(group.Hidden);
        Assert.True(group.Permissions!.Read);
        Assert.False(group.Permissions.Modify);
    }

    [Fact]
    public async Task Data_access_window_example_is_read_through_api_json()
    {
        using var response = Fixtures.Response(DataAccessWindowsExample);
        var windows = await ApiJson.ReadListAsync<IgtimiDataAccessWindow>(response, "data_access_windows", "data_access_window", CancellationToken.None);
        var window = Assert.Single(windows);
        Assert.Equal(17012L, window.Id);
        Assert.Equal("Group", window.Recipient!.Kind);
        Assert.Equal(22729L, window.Recipient.Id);
    }

    [Fact]
    public void User_recipient_has_kind_user()
    {
        const string json = """
            {"id":17013,"start_time":1383811200000.0,"end_time":1383933600000.0,"device_serial_number":"DD-EE-AAGA",
             "permissions":{"read":true,"modify":true},
             "recipient":{"user":{"id":1373,"first_name":"Bob","surname":"Smith","email":"bob.smith@example.com"}}}
            """;
        var window = Parse<IgtimiDataAccessWindow>(json);

        var recipient = window.Recipient!;
        Assert.Equal("User", recipient.Kind);
        Assert.Equal(1373L, recipient.Id);
        Assert.Equal("Bob Smith", recipient.Name);
        Assert.Null(recipient.Group);
        var user = Assert.IsType<IgtimiUser>(recipient.Value);
        Assert.Equal("bob.smith@example.com", user.Email);
        Assert.Equal("Read, Modify", window.Permissions!.ToString());
    }

    [Fact]
    public void Unknown_members_of_a_recipient_group_are_kept()
    {
        // The recipient converter parses into a JsonDocument it disposes; kept elements must outlive it.
        var window = Parse<IgtimiDataAccessWindow>(
            "{\"id\":1,\"recipient\":{\"group\":{\"id\":22729,\"name\":\"Crew\",\"member_count\":5,\"tags\":[\"a\",\"b\"]}}}");
        GC.Collect();

        var extra = window.Recipient!.Group!.AdditionalProperties!;
        Assert.Equal(5, extra["member_count"].GetInt32());
        Assert.Equal(new[] { "a", "b" }, extra["tags"].EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Null_or_empty_recipient()
    {
        Assert.Null(Parse<IgtimiDataAccessWindow>("{\"id\":1,\"recipient\":null}").Recipient);
        Assert.Equal("Unknown", Parse<IgtimiDataAccessWindow>("{\"id\":1,\"recipient\":{}}").Recipient!.Kind);
    }

    [Fact]
    public void Recipient_that_is_not_an_object_is_rejected()
    {
        Assert.Throws<JsonException>(() => Parse<IgtimiDataAccessWindow>("{\"id\":1,\"recipient\":42}"));
    }

    [Fact]
    public void Data_access_window_writes_back_its_recipient_wrapper()
    {
        var window = Parse<IgtimiDataAccessWindow>(Inner(DataAccessWindowsExample, "data_access_windows", "data_access_window"));
        using var written = JsonDocument.Parse(JsonSerializer.Serialize(window, ApiJson.Options));
        var root = written.RootElement;

        Assert.Equal(1383811200000L, root.GetProperty("start_time").GetInt64());
        Assert.Equal(22729L, root.GetProperty("recipient").GetProperty("group").GetProperty("id").GetInt64());
        Assert.False(root.GetProperty("recipient").TryGetProperty("user", out _));
    }

    [Fact]
    public void A_recipient_of_another_kind_is_kept_and_written_back()
    {
        var window = JsonSerializer.Deserialize<IgtimiDataAccessWindow>(
            "{\"id\":1,\"recipient\":{\"app\":{\"id\":7,\"name\":\"Race Office\"}}}", ApiJson.Options)!;
        Assert.Equal("Unknown", window.Recipient!.Kind);
        Assert.Equal("Race Office", window.Recipient.AdditionalProperties!["app"].GetProperty("name").GetString());
        Assert.Contains("\"recipient\":{\"app\":{\"id\":7,\"name\":\"Race Office\"}}", JsonSerializer.Serialize(window, ApiJson.Options));
    }
}
