using System.Text.Json;
using Igtimi.Client.Json;
using Igtimi.Client.Models;
using Xunit;

namespace Igtimi.Client.Tests.Models;

public class SessionModelTests
{
    private const string FixtureName = "tracker-scraper_session_object_2015.json";

    private static readonly DateTimeOffset Start = new(2015, 10, 3, 0, 30, 4, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2015, 10, 3, 2, 30, 12, TimeSpan.Zero);

    private static IgtimiSession Parse(string json) =>
        JsonSerializer.Deserialize<IgtimiSession>(json, ApiJson.Options) ?? throw new InvalidOperationException("null session");

    /// <summary>Replaces a value in the fixture text and makes sure the replacement really happened.</summary>
    private static string FixtureWith(params (string From, string To)[] replacements)
    {
        var json = Fixtures.Read(FixtureName);
        foreach (var (from, to) in replacements)
        {
            Assert.Contains(from, json);
            json = json.Replace(from, to);
        }
        return json;
    }

    private static void AssertFixtureValues(IgtimiSession session)
    {
        Assert.Equal("Akaroa Snippets", session.Name);
        Assert.Equal(Start, session.StartTime);
        Assert.Equal(End, session.EndTime);
        Assert.Equal(TimeSpan.Zero, session.StartTime!.Value.Offset);
        Assert.Equal(TimeSpan.Zero, session.EndTime!.Value.Offset);
        Assert.Equal(new TimeSpan(2, 0, 8), session.Duration);
        Assert.False(session.IsIncomplete);
        Assert.Equal(2550L, session.OwnerId);
        Assert.Equal(22729L, session.SessionGroupId);
        Assert.Equal(22730L, session.AdminSessionGroupId);
        Assert.Null(session.ParentSessionId);
        Assert.Null(session.Ou);
        Assert.NotNull(session.Permissions);
        Assert.True(session.Permissions!.Read);
        Assert.False(session.Permissions.Modify);
        Assert.True(session.Blob);
    }

    [Fact]
    public void Session_fixture_maps_every_field()
    {
        var session = Parse(Fixtures.Read(FixtureName));

        AssertFixtureValues(session);
        Assert.Null(session.Id); // the console dump had no id
        Assert.True(session.AdditionalProperties is null || session.AdditionalProperties.Count == 0);
    }

    [Fact]
    public void Float_times_give_the_same_values()
    {
        var session = Parse(FixtureWith(("1443832204000", "1443832204000.0"), ("1443839412000", "1443839412000.0")));
        AssertFixtureValues(session);
    }

    [Fact]
    public void Null_end_time_means_incomplete()
    {
        var session = Parse(FixtureWith(("1443839412000", "null")));

        Assert.Equal(Start, session.StartTime);
        Assert.Null(session.EndTime);
        Assert.True(session.IsIncomplete);
        Assert.Null(session.Duration);
    }

    [Fact]
    public void Missing_end_time_means_incomplete()
    {
        var session = Parse("{\"name\":\"Live\",\"start_time\":1443832204000.0}");
        Assert.True(session.IsIncomplete);
        Assert.Null(session.Duration);
    }

    [Fact]
    public async Task Documented_wrapped_session_with_id_and_float_times_is_read_through_api_json()
    {
        // docs/design/igtimi-api.md section 4.4: the fixture's values with the id and float times the real response carried.
        const string json = """
            {"session":{"id":17315,"name":"Akaroa Snippets","start_time":1443832204000.0,"end_time":1443839412000.0,
             "owner_id":2550,"session_group_id":22729,"admin_session_group_id":22730,"parent_session_id":null,
             "ou":null,"permissions":{"read":true,"modify":false},"blob":true}}
            """;
        using var response = Fixtures.Response(json);
        var session = await ApiJson.ReadSingleAsync<IgtimiSession>(response, "session", CancellationToken.None);

        Assert.Equal(17315L, session.Id);
        AssertFixtureValues(session);
        Assert.Equal("Akaroa Snippets (17315)", session.ToString());
    }

    [Theory]
    [InlineData("17315")]
    [InlineData("17315.0")]
    [InlineData("\"17315\"")]
    public void Session_id_is_read_leniently(string idJson)
    {
        var session = Parse("{\"id\":" + idJson + ",\"name\":\"x\"}");
        Assert.Equal(17315L, session.Id);
    }

    [Fact]
    public void Fractional_id_is_rejected()
    {
        Assert.Throws<JsonException>(() => Parse("{\"id\":17315.5}"));
    }
}
