using System.Net;
using Igtimi.Client.Dialects.IgtimiCom;
using Igtimi.Client.Http;
using Xunit;

namespace Igtimi.Client.Tests.Writes;

/// <summary>The request shapes of the session and group writes (docs/design/igtimi-api-2013.md section 6.1), their success check and retry rule.</summary>
public sealed class SessionGroupWriteTests
{
    private static (IgtimiComDialect Dialect, StubHandler Stub, List<TimeSpan> Waits, IgtimiHttp Http) Create()
    {
        var stub = new StubHandler();
        var waits = new List<TimeSpan>();
        var options = new IgtimiClientOptions(new Uri("https://igtimi.example/"))
        {
            Retry = new RetryPolicy { MaxRetries = 3, Delay = (wait, _) => { waits.Add(wait); return Task.CompletedTask; } },
        };
        var http = new IgtimiHttp(options, () => "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", stub);
        return (new IgtimiComDialect(http), stub, waits, http);
    }

    [Fact]
    public async Task Sends_each_write_on_its_path_with_its_form()
    {
        var (dialect, stub, _, http) = Create();
        using var _http = http;
        const string ok = "{\"success\": true}";
        stub.Respond(HttpStatusCode.OK, "{\"session\":{\"id\":7,\"name\":null,\"start_time\":null,\"end_time\":null}}")
            .Respond(HttpStatusCode.OK, ok).Respond(HttpStatusCode.OK, ok)
            .Respond(HttpStatusCode.OK, "{\"group\":{\"name\":\"my_group\",\"id\":4}}")
            .Respond(HttpStatusCode.OK, ok).Respond(HttpStatusCode.OK, ok).Respond(HttpStatusCode.OK, ok).Respond(HttpStatusCode.OK, ok);
        var session = await dialect.CreateSessionAsync(default);
        await dialect.DeleteSessionAsync(7, default);
        await dialect.AddSessionLogAsync(7, "<log/>", default);
        var group = await dialect.CreateGroupAsync("my_group", default);
        await dialect.AddGroupMemberAsync(4, 42, default);
        await dialect.RemoveGroupMemberAsync(4, 42, default);
        await dialect.SetGroupPublicAsync(4, true, default);
        await dialect.DeleteGroupAsync(4, default);

        Assert.Equal(7, session.Id);
        Assert.Null(session.Name);
        Assert.Equal(4, group.Id);
        var r = stub.Requests;
        Assert.Equal(("POST", "/api/v1/sessions"), (r[0].Method.Method, r[0].Uri.AbsolutePath));
        Assert.Equal(("DELETE", "/api/v1/sessions/7"), (r[1].Method.Method, r[1].Uri.AbsolutePath));
        Assert.Equal(("POST", "/api/v1/sessions/7/logs", "application/xml", "<log/>"), (r[2].Method.Method, r[2].Uri.AbsolutePath, r[2].ContentType, r[2].Body));
        Assert.Equal(("POST", "/api/v1/groups", "name=my_group"), (r[3].Method.Method, r[3].Uri.AbsolutePath, r[3].Body));
        Assert.Equal(("POST", "/api/v1/groups/4/members", "user_id=42"), (r[4].Method.Method, r[4].Uri.AbsolutePath, r[4].Body));
        Assert.Equal(("DELETE", "/api/v1/groups/4/members", "?user_id=42"), (r[5].Method.Method, r[5].Uri.AbsolutePath, r[5].Uri.Query));
        Assert.Equal(("POST", "/api/v1/groups/4/make_public"), (r[6].Method.Method, r[6].Uri.AbsolutePath));
        Assert.Equal(("DELETE", "/api/v1/groups/4"), (r[7].Method.Method, r[7].Uri.AbsolutePath));
    }

    [Theory]
    [InlineData("{\"success\":false}")]
    [InlineData("{\"success\":\"true\"}")]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("<html><body>ok</body></html>")]
    public async Task Takes_only_success_true_as_proof(string body)
    {
        var (dialect, stub, _, http) = Create();
        using var _http = http;
        stub.Respond(HttpStatusCode.OK, body);
        var ex = await Assert.ThrowsAnyAsync<IgtimiApiException>(() => dialect.DeleteSessionAsync(7, default));
        Assert.True(ex.Kind is IgtimiErrorKind.InvalidResponse or IgtimiErrorKind.ApiError, ex.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Does_not_send_a_write_again_after_a_failure_that_may_follow_the_change(HttpStatusCode status)
    {
        var (dialect, stub, _, http) = Create();
        using var _http = http;
        stub.Respond(status).Respond(HttpStatusCode.OK, "{\"success\":true}");
        await Assert.ThrowsAnyAsync<IgtimiApiException>(() => dialect.DeleteGroupAsync(4, default));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Does_not_send_a_write_again_after_a_timeout_or_broken_connection()
    {
        var (dialect, stub, _, http) = Create();
        using var _http = http;
        stub.Throw(new HttpRequestException("reset", new IOException("connection reset"))).Respond(HttpStatusCode.OK, "{\"success\":true}");
        await Assert.ThrowsAnyAsync<IgtimiApiException>(() => dialect.AddGroupMemberAsync(4, 42, default));
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Sends_a_write_again_after_a_refusal_with_Retry_After(int status)
    {
        var (dialect, stub, waits, http) = Create();
        using var _http = http;
        stub.Respond((HttpStatusCode)status, "", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .Respond(HttpStatusCode.OK, "{\"success\":true}");
        await dialect.SetGroupPublicAsync(4, false, default);
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(waits));
    }

    [Fact]
    public async Task Turns_a_403_on_log_XML_into_the_rejection_with_the_server_text()
    {
        var (dialect, stub, _, http) = Create();
        using var _http = http;
        stub.Respond(HttpStatusCode.Forbidden, "{\"error\":\"invalid_log\",\"error_description\":\"log_entry 1 has no data\"}");
        var ex = await Assert.ThrowsAsync<SessionLogRejectedException>(() => dialect.AddSessionLogAsync(7, "<log/>", default));
        Assert.Equal("log_entry 1 has no data", ex.ServerText);
        Assert.Contains("log_entry 1 has no data", ex.Message);
    }

    [Fact]
    public async Task Reads_members_with_the_public_marker()
    {
        var (dialect, stub, _, http) = Create();
        using var _http = http;
        stub.Respond(HttpStatusCode.OK, "{\"members\":[{\"user\":{\"id\":2,\"first_name\":\"Michael\",\"email\":\"m@x\"}},{\"public\": true}]}");
        var members = await dialect.GetGroupMembersAsync(4, default);
        Assert.True(members.IsPublic);
        var member = Assert.Single(members.Members);
        Assert.Equal((4L, 2L, true), (member.GroupId, member.UserId!.Value, member.GroupIsPublic));
    }
}
