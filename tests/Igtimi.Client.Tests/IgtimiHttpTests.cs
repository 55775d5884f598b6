using System.Net;
using System.Net.Http.Headers;
using Igtimi.Client.Http;
using Xunit;

namespace Igtimi.Client.Tests;

public class IgtimiHttpTests
{
    private const string Token = "9bb5053c3a4712f4f5f520860513d0f78f97700205e85ba712ae06672e328801";

    private static (IgtimiHttp Http, StubHandler Stub, List<TimeSpan> Waits) Create(int maxRetries = 4, int maxUriLength = 2000)
    {
        var stub = new StubHandler();
        var waits = new List<TimeSpan>();
        var options = new IgtimiClientOptions(new Uri("https://igtimi.example/"))
        {
            MaxUriLength = maxUriLength,
            UserAgent = "IgtimiPS-Tests/1.0",
            Retry = new RetryPolicy
            {
                MaxRetries = maxRetries,
                Delay = (wait, _) => { waits.Add(wait); return Task.CompletedTask; },
            },
        };
        return (new IgtimiHttp(options, () => Token, stub), stub, waits);
    }

    [Fact]
    public async Task Sends_bearer_token_user_agent_and_resolves_under_api_v1()
    {
        var (http, stub, _) = Create();
        stub.Respond(HttpStatusCode.OK, "{\"user\":{}}");
        using var response = await http.SendAsync(new IgtimiRequest(HttpMethod.Get, "account"), default);
        var sent = Assert.Single(stub.Requests);
        Assert.Equal("https://igtimi.example/api/v1/account", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + Token, sent.Authorization);
        Assert.Contains("IgtimiPS-Tests/1.0", sent.UserAgent);
    }

    [Fact]
    public async Task Site_root_requests_skip_the_api_prefix()
    {
        var (http, stub, _) = Create();
        stub.Respond(HttpStatusCode.OK);
        using var _ = await http.SendAsync(new IgtimiRequest(HttpMethod.Get, "server_listers/web_sockets", IgtimiEndpointRoot.Site), default);
        Assert.Equal("https://igtimi.example/server_listers/web_sockets", stub.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Long_queries_switch_to_post_with_method_get_in_the_body()
    {
        var (http, stub, _) = Create(maxUriLength: 200);
        stub.Respond(HttpStatusCode.OK);
        var serials = Enumerable.Range(0, 40).Select(i => $"GA-DK-{i:D4}").ToArray();
        var request = new IgtimiRequest(HttpMethod.Get, "resources/data").AddQuery("serial_numbers", serials).AddQuery("start_time", 1L);
        using var _ = await http.SendAsync(request, default);
        var sent = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://igtimi.example/api/v1/resources/data", sent.Uri.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", sent.ContentType);
        Assert.StartsWith("_method=GET&serial_numbers%5B%5D=GA-DK-0000&", sent.Body);
        Assert.EndsWith("&start_time=1", sent.Body);
    }

    [Fact]
    public async Task Short_queries_stay_in_the_uri()
    {
        var (http, stub, _) = Create();
        stub.Respond(HttpStatusCode.OK);
        using var _ = await http.SendAsync(new IgtimiRequest(HttpMethod.Get, "devices").AddQuery("serial_numbers", new[] { "A" }), default);
        Assert.Equal(HttpMethod.Get, stub.Requests[0].Method);
        Assert.Equal("?serial_numbers%5B%5D=A", stub.Requests[0].Uri.Query);
    }

    [Fact]
    public async Task Forced_method_override_posts_even_short_queries()
    {
        var (http, stub, _) = Create();
        stub.Respond(HttpStatusCode.OK);
        var request = new IgtimiRequest(HttpMethod.Get, "devices") { ForceMethodOverride = true }.AddQuery("serial_numbers", new[] { "A" });
        using var _ = await http.SendAsync(request, default);
        Assert.Equal(HttpMethod.Post, stub.Requests[0].Method);
        Assert.Equal("_method=GET&serial_numbers%5B%5D=A", stub.Requests[0].Body);
    }

    [Fact]
    public async Task Retries_429_after_the_retry_after_delta_then_succeeds()
    {
        var (http, stub, waits) = Create();
        stub.Respond((HttpStatusCode)429, "{\"error\":\"rate_limited\"}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .Respond(HttpStatusCode.OK, "{\"ok\":true}");
        using var response = await http.SendAsync(new IgtimiRequest(HttpMethod.Get, "account"), default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, waits);
    }

    [Fact]
    public async Task Retry_after_as_http_date_is_honoured()
    {
        var (http, stub, waits) = Create();
        stub.Respond(HttpStatusCode.ServiceUnavailable, "", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30)))
            .Respond(HttpStatusCode.OK);
        using var _ = await http.SendAsync(new IgtimiRequest(HttpMethod.Get, "account"), default);
        var wait = Assert.Single(waits);
        Assert.InRange(wait.TotalSeconds, 25, 30.5);
    }

    [Fact]
    public async Task Retries_503_twice_with_growing_backoff_then_succeeds()
    {
        var (http, stub, waits) = Create();
        stub.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK);
        using var response = await http.SendAsync(new IgtimiRequest(HttpMethod.Get, "account"), default);
        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal(2, waits.Count);
        Assert.InRange(waits[0].TotalMilliseconds, 250, 500);
        Assert.InRange(waits[1].TotalMilliseconds, 500, 1000);
    }

    [Fact]
    public async Task Does_not_retry_a_post()
    {
        var (http, stub, waits) = Create();
        stub.Respond(HttpStatusCode.ServiceUnavailable, "{\"error\":\"service_unavailable\"}").Respond(HttpStatusCode.OK);
        var request = new IgtimiRequest(HttpMethod.Post, "data_access_windows") { Body = IgtimiRequestBody.FromText("{}", "application/json") };
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => http.SendAsync(request, default));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(stub.Requests);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task Retries_a_post_that_is_a_method_override_get()
    {
        var (http, stub, _) = Create();
        stub.Respond(HttpStatusCode.BadGateway).Respond(HttpStatusCode.OK);
        var request = new IgtimiRequest(HttpMethod.Get, "devices") { ForceMethodOverride = true };
        using var _ = await http.SendAsync(request, default);
        Assert.Equal(2, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal("_method=GET", r.Body));
    }

    [Fact]
    public async Task Gives_up_after_the_cap_with_the_last_error()
    {
        var (http, stub, waits) = Create(maxRetries: 2);
        stub.Respond(HttpStatusCode.ServiceUnavailable, "{\"error\":\"first\"}")
            .Respond(HttpStatusCode.ServiceUnavailable, "{\"error\":\"second\"}")
            .Respond(HttpStatusCode.GatewayTimeout, "{\"error\":\"last\",\"error_description\":\"gave up\"}");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => http.SendAsync(new IgtimiRequest(HttpMethod.Get, "account"), default));
        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal(2, waits.Count);
        Assert.Equal(HttpStatusCode.GatewayTimeout, error.StatusCode);
        Assert.Equal("last", error.ApiError);
        Assert.Equal("gave up", error.ApiErrorDescription);
    }

    [Fact]
    public async Task Retries_transient_network_errors_of_a_get()
    {
        var (http, stub, waits) = Create();
        stub.Throw(new HttpRequestException("connection reset", new IOException("reset by peer"))).Respond(HttpStatusCode.OK);
        using var response = await http.SendAsync(new IgtimiRequest(HttpMethod.Get, "account"), default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(waits);
    }

    [Fact]
    public async Task Does_not_retry_client_errors()
    {
        var (http, stub, _) = Create();
        stub.Respond(HttpStatusCode.NotFound, "{\"error\":\"not_found\",\"error_description\":\"No such user\"}");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => http.SendAsync(new IgtimiRequest(HttpMethod.Get, "users/5"), default));
        Assert.Single(stub.Requests);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("not_found", error.ApiError);
        Assert.Equal("No such user", error.ApiErrorDescription);
        Assert.Contains("404", error.Message);
        Assert.Contains("No such user", error.Message);
    }

    [Fact]
    public async Task Reads_the_error_reason_shape_of_resources_data()
    {
        var (http, stub, _) = Create();
        stub.Respond(HttpStatusCode.BadRequest, "{\"error\":\"Time span too long\",\"reason\":\"max one month\"}");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => http.SendAsync(new IgtimiRequest(HttpMethod.Get, "resources/data"), default));
        Assert.Equal("Time span too long", error.ApiError);
        Assert.Equal("max one month", error.ApiErrorDescription);
    }

    [Fact]
    public async Task Errors_never_carry_the_token()
    {
        var (http, stub, _) = Create();
        stub.Respond(HttpStatusCode.Unauthorized, "{\"error\":\"invalid_token\",\"error_description\":\"token " + Token + " unknown\"}");
        var request = new IgtimiRequest(HttpMethod.Get, "account").AddQuery("access_token", Token);
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => http.SendAsync(request, default));
        Assert.DoesNotContain(Token, error.Message);
        Assert.DoesNotContain(Token, error.RequestUri);
        Assert.DoesNotContain(Token, error.ResponseBody);
        Assert.DoesNotContain(Token, error.ApiErrorDescription ?? "");
        Assert.Contains("access_token=<redacted>", error.RequestUri);
    }

    [Fact]
    public async Task Cancellation_stops_the_retry_wait()
    {
        var stub = new StubHandler().Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK);
        var options = new IgtimiClientOptions(new Uri("https://igtimi.example/"))
        {
            Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMinutes(5), MaxDelay = TimeSpan.FromMinutes(5) }
        };
        using var http = new IgtimiHttp(options, () => Token, stub);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.SendAsync(new IgtimiRequest(HttpMethod.Get, "account"), cancel.Token));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_limit_fails_at_once()
    {
        var (http, stub, waits) = Create();
        http.Retry.MaxRetryAfter = TimeSpan.FromSeconds(10);
        stub.Respond((HttpStatusCode)429, "", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1)));
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => http.SendAsync(new IgtimiRequest(HttpMethod.Get, "account"), default));
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Empty(waits);
    }
}
