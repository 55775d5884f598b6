using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Emulator;

/// <summary>The emulator's hostile faults, seen through a raw HttpClient.</summary>
public class HostileFaultTests : IClassFixture<RegattaEmulatorFixture>
{
    private const string Owner = EmulatorCredentials.OwnerToken;
    private const string Account = "/api/v1/account";

    private readonly RegattaEmulatorFixture _emu;

    public HostileFaultTests(RegattaEmulatorFixture emulator)
    {
        _emu = emulator;
        _emu.Emulator.Faults.Clear();
    }

    private FaultInjector Faults => _emu.Emulator.Faults;

    private static HttpRequestMessage Get(string path, string? token = Owner)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, HttpClient? http = null, string? token = Owner,
        CancellationToken ct = default)
    {
        using var request = Get(path, token);
        return await (http ?? _emu.Http).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private async Task<byte[]> AccountBytesAsync()
    {
        using var response = await SendAsync(Account);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private HttpClient NewClient(HttpClientHandler handler) => new(handler) { BaseAddress = _emu.Emulator.BaseUri };

    private async Task<HttpResponseMessage> PostFaultAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _emu.Http.PostAsync("_emulator/faults", content);
    }

    private async Task AssertServedNormallyAsync()
    {
        using var response = await SendAsync(Account);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Reads for <paramref name="duration"/> and returns what arrived; fails if the body ends.</summary>
    private static async Task<byte[]> ReadForAsync(Stream stream, TimeSpan duration)
    {
        var received = new MemoryStream();
        var buffer = new byte[1024];
        using var cts = new CancellationTokenSource(duration);
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer, cts.Token);
                Assert.True(read > 0, "The endless body ended.");
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
        }
        return received.ToArray();
    }

    [Fact]
    public async Task Endless_body_trickles_until_the_client_goes_away_and_the_server_is_fine_after()
    {
        Faults.EnqueueHostile(HostileMode.EndlessBody, Account, new HostileOptions { IntervalMs = 50 });
        var watch = Stopwatch.StartNew();
        using (var response = await SendAsync(Account))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Content.Headers.ContentLength);
            Assert.True(response.Headers.TransferEncodingChunked);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            await using var stream = await response.Content.ReadAsStreamAsync();
            byte[] received = await ReadForAsync(stream, TimeSpan.FromMilliseconds(1200));
            string text = Encoding.UTF8.GetString(received);
            Assert.StartsWith("{\"x\":\"", text);
            // About 24 spaces; fewer when the test host starves the thread pool (seen on 2 cores).
            Assert.True(text.Length - 6 >= 2, $"{text.Length - 6} spaces in {watch.ElapsedMilliseconds} ms");
            Assert.Equal("", text[6..].Trim(' '));
        }
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(1));

        // Logged with its status when it started; the next request is served normally.
        Assert.Contains(Faults.RecentRequests, r => r.Path == Account && r.Status == 200);
        await AssertServedNormallyAsync();
        Assert.Equal(0, Faults.PendingCount);
    }

    [Fact]
    public async Task Endless_error_body_has_status_500_and_an_error_start()
    {
        using var posted = await PostFaultAsync("""{"kind":"hostile","mode":"endless-error-body","path_prefix":"/api/v1/account","interval_ms":20}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using (var response = await SendAsync(Account))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            await using var stream = await response.Content.ReadAsStreamAsync();
            string text = Encoding.UTF8.GetString(await ReadForAsync(stream, TimeSpan.FromMilliseconds(300)));
            Assert.StartsWith("{\"error\":\"server_error\",\"error_description\":\"", text);
        }
        Assert.Contains(Faults.RecentRequests, r => r.Path == Account && r.Status == 500);
        await AssertServedNormallyAsync();
    }

    [Fact]
    public async Task An_endless_body_does_not_hold_the_server_when_it_stops()
    {
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Seed = 1, AnchorDate = RegattaEmulatorFixture.Anchor });
        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        emulator.Faults.EnqueueHostile(HostileMode.EndlessBody, options: new HostileOptions { IntervalMs = 20 });
        using var response = await http.GetAsync("api/v1/account", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        Assert.True(await stream.ReadAsync(new byte[16]) > 0);

        var watch = Stopwatch.StartNew();
        await emulator.StopAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"stopping took {watch.Elapsed}");
        // The body never ends cleanly: the connection is aborted.
        var error = await Record.ExceptionAsync(async () =>
        {
            while (await stream.ReadAsync(new byte[1024]) > 0)
            {
            }
        });
        Assert.IsAssignableFrom<IOException>(error);
    }

    [Fact]
    public async Task Html_is_a_complete_maintenance_page()
    {
        Faults.EnqueueHostile(HostileMode.Html, Account);
        using var response = await SendAsync(Account, token: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        string html = Encoding.UTF8.GetString(body);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<title>Service Unavailable - maintenance</title>", html);
        Assert.Contains("<p>", html);
        Assert.EndsWith("</html>\n", html);
    }

    [Fact]
    public async Task Truncated_json_sends_exactly_the_first_half_of_the_real_body()
    {
        byte[] whole = await AccountBytesAsync();
        Faults.EnqueueHostile(HostileMode.TruncatedJson, Account);
        using var response = await SendAsync(Account);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(whole.Length / 2, response.Content.Headers.ContentLength);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(whole[..(whole.Length / 2)], body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Contains(Faults.RecentRequests, r => r.Path == Account && r.Status == 200);
    }

    [Fact]
    public async Task Truncated_json_keeps_the_real_endpoints_auth_and_can_cut_a_given_body()
    {
        Faults.EnqueueHostile(HostileMode.TruncatedJson, Account);
        using (var response = await SendAsync(Account, token: null))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        using var posted = await PostFaultAsync(
            """{"kind":"hostile","mode":"truncated-json","path_prefix":"/api/v1/account","body":"{\"user\":{\"id\":1}}"}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var cut = await SendAsync(Account, token: null);
        Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        Assert.Equal("{\"user\":", await cut.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Huge_header_pads_the_real_response_with_100_KB()
    {
        byte[] whole = await AccountBytesAsync();
        Faults.EnqueueHostile(HostileMode.HugeHeader, Account);
        using var http = NewClient(new HttpClientHandler { MaxResponseHeadersLength = 1024 });
        using var response = await SendAsync(Account, http);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        long padding = response.Headers
            .Where(h => h.Key.StartsWith("X-Igtimi-Padding", StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value)
            .Sum(v => (long)v.Length);
        Assert.True(padding >= 100 * 1024, $"{padding} bytes of padding");
        Assert.Equal(whole, await response.Content.ReadAsByteArrayAsync());

        // A client with the default limit (64 KB) refuses it.
        Faults.EnqueueHostile(HostileMode.HugeHeader, Account);
        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(Account));
        await AssertServedNormallyAsync();
    }

    [Fact]
    public async Task Gzip_bomb_is_small_on_the_wire_and_inflates_to_json_ish_spaces()
    {
        Faults.EnqueueHostile(HostileMode.GzipBomb, Account);
        using var http = NewClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });
        using var response = await SendAsync(Account, http, token: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        byte[] raw = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(raw.Length, response.Content.Headers.ContentLength);
        Assert.InRange(raw.Length, 1, 1024 * 1024 - 1);

        await using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        var inflated = new byte[4 * 1024 * 1024];
        await gzip.ReadExactlyAsync(inflated);
        const string start = "{\"user\":{\"id\":1,\"pad\":\"";
        Assert.Equal(start, Encoding.ASCII.GetString(inflated, 0, start.Length));
        Assert.True(inflated.AsSpan(start.Length).IndexOfAnyExcept((byte)' ') < 0);
    }

    [Fact]
    public async Task Gzip_bomb_inflates_to_exactly_the_given_size()
    {
        using var posted = await PostFaultAsync("""{"kind":"hostile","mode":"gzip-bomb","path_prefix":"/api/v1/account","inflated_bytes":100000}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var response = await SendAsync(Account);
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var inflated = new MemoryStream();
        await gzip.CopyToAsync(inflated);
        Assert.Equal("{\"user\":{\"id\":1,\"pad\":\"".Length + 100_000, inflated.Length);
    }

    [Fact]
    public async Task Wrong_content_length_ends_the_body_early()
    {
        byte[] whole = await AccountBytesAsync();
        Faults.EnqueueHostile(HostileMode.WrongContentLength, Account);
        using (var response = await SendAsync(Account))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(whole.Length + 100, response.Content.Headers.ContentLength);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var received = new MemoryStream();
            var error = await Record.ExceptionAsync(() => stream.CopyToAsync(received));
            Assert.IsAssignableFrom<IOException>(error);
            Assert.Equal(whole, received.ToArray());
        }

        Faults.EnqueueHostile(HostileMode.WrongContentLength, Account);
        using (var request = Get(Account))
        {
            var error = await Record.ExceptionAsync(async () => await (await _emu.Http.SendAsync(request)).Content.ReadAsByteArrayAsync());
            Assert.True(error is HttpRequestException or IOException, error?.ToString() ?? "no error");
        }
        await AssertServedNormallyAsync();
    }

    [Fact]
    public async Task Invalid_utf8_bytes_arrive_as_sent()
    {
        Faults.EnqueueHostile(HostileMode.InvalidUtf8, "/api/v1/resources/data/latest");
        using (var response = await SendAsync("/api/v1/resources/data/latest?serial_numbers[]=X&type=1"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            byte[] expected =
            [
                .. "{\"latest_data\":[{\"latest_datum\":{\"serial_number\":\""u8, 0xC3, 0x28, 0xFF,
                .. "\",\"c1\":1,\"timestamp\":1700000000000.0}}]}"u8,
            ];
            Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
        }

        byte[] own = [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D];
        using var posted = await PostFaultAsync(
            $$"""{"kind":"hostile","mode":"invalid-utf8","path_prefix":"/api/v1/account","body_base64":"{{Convert.ToBase64String(own)}}"}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var second = await SendAsync(Account);
        Assert.Equal(own, await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Redirect_gives_the_location()
    {
        using var http = NewClient(new HttpClientHandler { AllowAutoRedirect = false });
        Faults.EnqueueHostile(HostileMode.Redirect, Account, new HostileOptions { Location = "https://login.example.test/maintenance" });
        using (var response = await SendAsync(Account, http))
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal(new Uri("https://login.example.test/maintenance"), response.Headers.Location);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }

        using var posted = await PostFaultAsync(
            """{"kind":"hostile","mode":"redirect","status":308,"location":"/api/v1/users","path_prefix":"/api/v1/account"}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var permanent = await SendAsync(Account, http);
        Assert.Equal(HttpStatusCode.PermanentRedirect, permanent.StatusCode);
        Assert.Equal("/api/v1/users", permanent.Headers.Location?.OriginalString);
        Assert.Contains(Faults.RecentRequests, r => r.Path == Account && r.Status == 308);
    }

    [Fact]
    public async Task Empty_gives_no_bytes()
    {
        Faults.EnqueueHostile(HostileMode.Empty, Account);
        using (var response = await SendAsync(Account))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, response.Content.Headers.ContentLength);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }

        Faults.EnqueueHostile(HostileMode.Empty, Account, new HostileOptions { Status = 204 });
        using var noContent = await SendAsync(Account);
        Assert.Equal(HttpStatusCode.NoContent, noContent.StatusCode);
        Assert.Empty(await noContent.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Body_gives_the_exact_bytes_with_the_status_and_type()
    {
        const string text = """{"user":{"id":NaN,"serial_number":12345},"error":"nope","reason":"200 but an error"}""";
        Faults.EnqueueHostile(HostileMode.Body, Account, new HostileOptions { Body = text });
        using (var response = await SendAsync(Account, token: null))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.Equal(Encoding.UTF8.GetBytes(text), body);
        }

        byte[] bytes = [0x00, 0xFF, 0x10, 0x80];
        using var posted = await PostFaultAsync("""{"kind":"hostile","mode":"body","status":418""" +
            $$""","content_type":"application/octet-stream","body_base64":"{{Convert.ToBase64String(bytes)}}","path_prefix":"/api/v1/account"}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        using var second = await SendAsync(Account);
        Assert.Equal((HttpStatusCode)418, second.StatusCode);
        Assert.Equal("application/octet-stream", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Contains(Faults.RecentRequests, r => r.Path == Account && r.Status == 418);
    }

    [Fact]
    public async Task Count_and_path_prefix_work_like_the_other_kinds()
    {
        using var posted = await PostFaultAsync("""{"kind":"hostile","mode":"body","body":"hostile","count":2,"path_prefix":"/api/v1/account"}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("pending").GetInt32());

        using (var other = await SendAsync("/api/v1/devices"))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            JsonDocument.Parse(await other.Content.ReadAsStringAsync());
        }
        long faultsBefore = Faults.FaultCount;
        for (int i = 0; i < 2; i++)
        {
            using var response = await SendAsync(Account);
            Assert.Equal("hostile", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(faultsBefore + 2, Faults.FaultCount);
        Assert.Equal(0, Faults.PendingCount);
        await AssertServedNormallyAsync();
    }

    [Theory]
    [InlineData("""{"kind":"hostile"}""", "\"mode\" is required")]
    [InlineData("""{"kind":"hostile","mode":"teapot"}""", "\"mode\" must be one of")]
    [InlineData("""{"kind":"hostile","mode":"redirect"}""", "\"location\"")]
    [InlineData("""{"kind":"hostile","mode":"redirect","location":"/x","status":200}""", "301, 302, 303, 307 or 308")]
    [InlineData("""{"kind":"hostile","mode":"empty","status":500}""", "200 or 204")]
    [InlineData("""{"kind":"hostile","mode":"body"}""", "is required for body")]
    [InlineData("""{"kind":"hostile","mode":"body","body":"a","body_base64":"YQ=="}""", "not both")]
    [InlineData("""{"kind":"hostile","mode":"body","body_base64":"not base64!"}""", "not valid base64")]
    [InlineData("""{"kind":"hostile","mode":"html","status":700}""", "between 200 and 599")]
    [InlineData("""{"kind":"hostile","mode":"endless-body","interval_ms":0}""", "\"interval_ms\"")]
    [InlineData("""{"kind":"hostile","mode":"huge-header","header_bytes":0}""", "\"header_bytes\"")]
    [InlineData("""{"kind":"hostile","mode":"gzip-bomb","inflated_bytes":0}""", "\"inflated_bytes\"")]
    [InlineData("""{"kind":"hostile","mode":"truncated-json","body":"x"}""", "at least 2 bytes")]
    [InlineData("""{"kind":"hostile","mode":"body","body":"x","content_type":"text/plain\u0007"}""", "\"content_type\"")]
    [InlineData("""{"kind":"hostile","mode":"body","body":"x","count":0}""", "\"count\"")]
    [InlineData("""{"kind":"hostile","mode":"body","body":"x","path_prefix":"api"}""", "\"path_prefix\"")]
    [InlineData("""{"kind":"teapot"}""", "hostile")]
    public async Task The_admin_endpoint_validates_hostile_faults(string json, string reason)
    {
        using var response = await PostFaultAsync(json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("bad_request", root.GetProperty("error").GetString());
        Assert.Contains(reason, root.GetProperty("error_description").GetString());
        Assert.Equal(0, Faults.PendingCount);
    }

    [Fact]
    public void EnqueueHostile_rejects_bad_options()
    {
        Assert.Throws<ArgumentException>(() => Faults.EnqueueHostile(HostileMode.Redirect));
        Assert.Throws<ArgumentException>(() => Faults.EnqueueHostile(HostileMode.Body));
        Assert.Throws<ArgumentException>(() => Faults.EnqueueHostile(HostileMode.Html, "api"));
        Assert.Throws<ArgumentException>(() => Faults.EnqueueHostile((HostileMode)99));
        Assert.Throws<ArgumentException>(() => Faults.EnqueueHostile(HostileMode.EndlessBody, options: new HostileOptions { IntervalMs = 0 }));
        Assert.Throws<ArgumentException>(() => Faults.EnqueueHostile(HostileMode.Body, options: new HostileOptions { Body = "a", BodyBytes = [1] }));
        Assert.Equal(0, Faults.PendingCount);
    }
}
