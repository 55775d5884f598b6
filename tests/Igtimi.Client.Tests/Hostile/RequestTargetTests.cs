using System.Net;
using Igtimi.Client.Auth;
using Igtimi.Client.Http;
using Xunit;

namespace Igtimi.Client.Tests.Hostile;

/// <summary>The request target and header values are checked before any request exists.</summary>
public class RequestTargetTests
{
    private const string Token = "9bb5053c3a4712f4f5f520860513d0f78f97700205e85ba712ae06672e328801";

    private static (IgtimiHttp Http, StubHandler Stub) Create()
    {
        var stub = new StubHandler();
        return (new IgtimiHttp(new IgtimiClientOptions(new Uri("https://igtimi.example/")), () => Token, stub), stub);
    }

    public static TheoryData<string> PathsThatLeaveTheServer => new()
    {
        "\u00A0http://other-host:8080/steal",
        "\u3000http://other-host:8080/steal",
        "\u2003https://other-host/steal",
        "\uFEFFhttp://other-host/steal",
        "http://other-host/steal",
        "HTTPS://other-host/steal",
        "ftp://other-host/file",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "\\\\host:445\\share",
        "\\\\host\\x",
        "/\\host/x",
        "//other-host/steal",
        " //other-host/steal",
        "../../oauth/token",
        "devices/../../../x",
        "%2e%2e/%2e%2e/x",
        "devices/%2E%2E/%2E%2E/x",
        "devices%2f..%2f..%2fx",
        "devices%5c..%5cx",
        "./account",
        "account#frag",
        "acc\r\nount",
        "account\nX-Injected: yes",
        "devices\u0000",
        "dev ices",
        "",
        "   ",
    };

    [Theory]
    [MemberData(nameof(PathsThatLeaveTheServer))]
    public async Task A_path_that_is_not_a_plain_path_under_the_api_is_refused_before_any_request(string path)
    {
        var (http, stub) = Create();
        var error = Record.Exception(() => http.Resolve(new IgtimiRequest(HttpMethod.Get, path)));
        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.DoesNotContain("\n", error!.Message);
        Assert.DoesNotContain("\r", error.Message);
        await Task.CompletedTask;
        Assert.Empty(stub.Requests);
    }

    [Theory]
    [InlineData("account", "https://igtimi.example/api/v1/account")]
    [InlineData("/account", "https://igtimi.example/api/v1/account")]
    [InlineData("  devices  ", "https://igtimi.example/api/v1/devices")]
    [InlineData("sessions/17315/logs", "https://igtimi.example/api/v1/sessions/17315/logs")]
    [InlineData("devices?limit=1", "https://igtimi.example/api/v1/devices?limit=1")]
    [InlineData("resources/data:latest", "https://igtimi.example/api/v1/resources/data:latest")]
    public void A_plain_path_resolves_under_api_v1(string path, string expected)
    {
        var (http, _) = Create();
        Assert.Equal(expected, http.Resolve(new IgtimiRequest(HttpMethod.Get, path)).AbsoluteUri);
    }

    [Fact]
    public void An_absolute_uri_on_another_server_is_refused()
    {
        var (http, _) = Create();
        Assert.Throws<ArgumentException>(() => http.Resolve(new IgtimiRequest(HttpMethod.Get, new Uri("https://igtimi.example.evil.test/api/v1/account"))));
        Assert.Throws<ArgumentException>(() => http.Resolve(new IgtimiRequest(HttpMethod.Get, new Uri("http://igtimi.example/api/v1/account"))));
        Assert.Throws<ArgumentException>(() => http.Resolve(new IgtimiRequest(HttpMethod.Get, new Uri("https://igtimi.example:444/api/v1/account"))));
        Assert.Throws<ArgumentException>(() => http.Resolve(new IgtimiRequest(HttpMethod.Get, new Uri("ftp://igtimi.example/x"))));
        Assert.Equal("https://igtimi.example/server_listers/web_sockets",
            http.Resolve(new IgtimiRequest(HttpMethod.Get, new Uri("https://IGTIMI.example/server_listers/web_sockets"))).AbsoluteUri);
    }

    [Theory]
    [InlineData("text/plain\r\nX-Injected: yes")]
    [InlineData("text/plain\nX-Injected: yes")]
    [InlineData("application/json; charset=\u00fc")]
    [InlineData("not a media type")]
    [InlineData("")]
    public void A_content_type_a_header_cannot_carry_is_refused(string contentType)
    {
        var error = Assert.Throws<ArgumentException>(() => IgtimiRequestBody.FromText("x", contentType));
        Assert.DoesNotContain("\n", error.Message);
    }

    [Theory]
    [InlineData("abc\r\ndef")]
    [InlineData("abc\ndef")]
    [InlineData("abc def")]
    [InlineData("t\u00f6ken")]
    [InlineData("\u0000abc")]
    public void A_token_a_header_cannot_carry_is_refused_without_showing_it(string token)
    {
        var error = Assert.Throws<ArgumentException>(() => new AccessTokenGrant(token));
        Assert.DoesNotContain(token.Trim(), error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Fact]
    public void A_megabyte_token_is_refused_with_its_length()
    {
        var error = Assert.Throws<ArgumentException>(() => new AccessTokenGrant(new string('a', 1 << 20)));
        Assert.Contains("1,048,576 characters", error.Message);
        Assert.True(error.Message.Length < 300);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_the_error_says_where_it_pointed()
    {
        var (http, stub) = Create();
        stub.Respond(HttpStatusCode.Found, "", r => r.Headers.Location = new Uri("https://collector.evil.test/steal?access_token=" + Token));
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => http.SendAsync(new IgtimiRequest(HttpMethod.Get, "account"), default));
        Assert.Single(stub.Requests);
        Assert.Equal(IgtimiErrorKind.ProtocolViolation, error.Kind);
        Assert.Contains("collector.evil.test", error.Message);
        Assert.Contains("not followed", error.Message);
        Assert.DoesNotContain(Token, error.ToString());
    }

    [Fact]
    public void A_data_download_with_an_absurd_window_is_refused_before_any_request()
    {
        var query = new Igtimi.Client.Data.IgtimiDataQuery
        {
            SerialNumbers = new[] { "GA-DK-AAAD" },
            Start = DateTimeOffset.MinValue,
            End = DateTimeOffset.MaxValue,
        };
        var error = Assert.Throws<ArgumentException>(query.Validate);
        Assert.Contains("1970", error.Message);

        query.Start = new DateTimeOffset(1971, 1, 1, 0, 0, 0, TimeSpan.Zero);
        query.End = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
        query.SerialNumbers = Enumerable.Range(0, 20).Select(i => $"GA-DK-{i:D4}").ToArray();
        error = Assert.Throws<ArgumentException>(query.Validate);
        Assert.Contains("requests", error.Message);
        Assert.Contains("10,000", error.Message);
    }

    [Fact]
    public void Live_options_out_of_range_are_clear_errors()
    {
        var options = new Igtimi.Client.Live.IgtimiLiveOptions { SerialNumbers = new[] { "A" }, SilenceLimit = TimeSpan.MaxValue };
        Assert.Contains("silence limit", Assert.Throws<ArgumentException>(options.Validate).Message);
        options = new Igtimi.Client.Live.IgtimiLiveOptions { SerialNumbers = new[] { "A" }, HeartbeatInterval = TimeSpan.MaxValue };
        Assert.Contains("heartbeat", Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Fact]
    public void Excerpts_are_short_and_printable()
    {
        var excerpt = SafeText.Excerpt(new string('x', 100_000) + "\r\n", 80);
        Assert.True(excerpt.Length < 120);
        Assert.Contains("more characters", excerpt);
        Assert.Equal("a\\r\\nb\\u0000", SafeText.Excerpt("a\r\nb\0"));
    }
}
