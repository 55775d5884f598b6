using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Igtimi.Client.Api;
using Igtimi.Client.Auth;
using Igtimi.Client.Data;
using Igtimi.Client.Http;
using Igtimi.Emulator;
using Xunit;

namespace Igtimi.Client.Tests.Hostile;

/// <summary>
/// The client against the emulator's hostile modes: every malformed answer is the module's own error
/// (InvalidResponse, ProtocolViolation, Timeout, ApiError), nothing hangs past its deadline, Ctrl+C
/// stops at once, and memory stays bounded.
/// </summary>
// Alone: its deadlines are real time, and the gzip bomb's memory check reads the process-wide allocation count.
[Collection(TimingCollection.Name)]
public class HostileServerTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);
    private readonly EmulatorFixture _emulator;

    public HostileServerTests(EmulatorFixture emulator) => _emulator = emulator;

    private FaultInjector Faults => _emulator.Emulator.Faults;

    /// <summary>
    /// The emulator logs a request once its answer is written, which can be just after the client has read it; wait until
    /// the count has reached <paramref name="atLeast"/> and stopped moving.
    /// </summary>
    private async Task<long> SettledRequestCountAsync(long atLeast = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        long last = -1;
        while (true)
        {
            long now = Faults.RequestCount;
            if ((now >= atLeast && now == last) || DateTime.UtcNow > deadline)
                return now;
            last = now;
            await Task.Delay(50);
        }
    }

    private IgtimiClientOptions Impatient() => new(_emulator.BaseUri)
    {
        Timeout = Deadline,
        IdleTimeout = TimeSpan.FromMilliseconds(500),
        Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
    };

    private Task<IgtimiConnection> ConnectAsync(IgtimiClientOptions? options = null) =>
        IgtimiConnection.ConnectAsync(options ?? Impatient(), new AccessTokenGrant(EmulatorFixture.OwnerToken), default);

    private static async Task<(T Error, TimeSpan Elapsed)> Timed<T>(Func<Task> call) where T : Exception
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<T>(call);
        return (error, clock.Elapsed);
    }

    private static IgtimiDataQuery OneDevice(string serial) => new()
    {
        SerialNumbers = new[] { serial },
        Start = DateTimeOffset.UtcNow.Date.AddDays(-1),
        End = DateTimeOffset.UtcNow.Date,
        Types = new[] { 1, 9 },
    };

    private string Serial => _emulator.Emulator.World.YachtBots[0].SerialNumber;

    private static Task DownloadAsync(IgtimiConnection connection, IgtimiDataQuery query, List<IgtimiDataBlock>? into = null, List<string>? warnings = null,
        CancellationToken cancellationToken = default) =>
        new IgtimiDataDownloader(connection, query) { Warning = w => warnings?.Add(w) }
            .RunAsync((b, _) => { into?.Add(b); return Task.CompletedTask; }, cancellationToken);

    [Fact]
    public async Task Connect_stops_at_its_deadline_when_the_account_body_never_ends()
    {
        Faults.EnqueueHostile(HostileMode.EndlessBody, "/api/v1/account");
        var (error, elapsed) = await Timed<IgtimiApiException>(() => ConnectAsync());
        Assert.Equal(IgtimiErrorKind.Timeout, error.Kind);
        Assert.InRange(elapsed, TimeSpan.Zero, Deadline + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task The_token_request_stops_at_its_deadline_when_its_body_never_ends()
    {
        Faults.EnqueueHostile(HostileMode.EndlessBody, "/oauth/token");
        var (error, elapsed) = await Timed<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(Impatient(),
            new PasswordGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, EmulatorFixture.OwnerEmail,
                EmulatorFixture.OwnerPassword), default));
        Assert.Equal(IgtimiErrorKind.Timeout, error.Kind);
        Assert.InRange(elapsed, TimeSpan.Zero, Deadline + TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData("html")]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("not-json")]
    public async Task A_token_endpoint_that_answers_wrongly_is_an_invalid_response_not_an_unreachable_server(string how)
    {
        switch (how)
        {
            case "html": Faults.EnqueueHostile(HostileMode.Html, "/oauth/token"); break;
            case "truncated": Faults.EnqueueHostile(HostileMode.TruncatedJson, "/oauth/token"); break;
            case "empty": Faults.EnqueueHostile(HostileMode.Empty, "/oauth/token"); break;
            default:
                Faults.EnqueueHostile(HostileMode.Body, "/oauth/token", new HostileOptions { Body = "access_token=abc", ContentType = "text/plain" });
                break;
        }
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(Impatient(),
            new PasswordGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, EmulatorFixture.OwnerEmail,
                EmulatorFixture.OwnerPassword), default));
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("oauth/token", error.Message);
        Assert.Contains("200", error.Message);
    }

    [Fact]
    public async Task A_token_with_a_line_break_from_the_token_endpoint_is_refused()
    {
        Faults.EnqueueHostile(HostileMode.Body, "/oauth/token",
            new HostileOptions { Body = "{\"access_token\":\"abc\\r\\nX-Injected: yes\",\"token_type\":\"bearer\"}" });
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(Impatient(),
            new PasswordGrant(EmulatorFixture.DemoClientId, EmulatorFixture.DemoClientSecret, EmulatorFixture.OwnerEmail,
                EmulatorFixture.OwnerPassword), default));
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("line break", error.Message);
    }

    [Fact]
    public async Task Lists_stop_at_their_deadline_when_the_body_never_ends()
    {
        using var connection = await ConnectAsync();
        Faults.EnqueueHostile(HostileMode.EndlessBody, "/api/v1/devices");
        var (error, elapsed) = await Timed<IgtimiApiException>(() => connection.GetDevicesAsync(null, default));
        Assert.Equal(IgtimiErrorKind.Timeout, error.Kind);
        Assert.InRange(elapsed, TimeSpan.Zero, Deadline + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Invoke_and_out_file_stop_at_their_deadline_when_the_body_never_ends()
    {
        using var connection = await ConnectAsync();
        Faults.EnqueueHostile(HostileMode.EndlessBody, "/api/v1/account");
        var (error, elapsed) = await Timed<IgtimiApiException>(() => connection.InvokeAsync(new IgtimiRequest(HttpMethod.Get, "account"), null, default));
        Assert.Equal(IgtimiErrorKind.Timeout, error.Kind);
        Assert.InRange(elapsed, TimeSpan.Zero, Deadline + TimeSpan.FromSeconds(2));

        var folder = Directory.CreateTempSubdirectory("igtimips-hostile-").FullName;
        try
        {
            var path = Path.Combine(folder, "account.json");
            File.WriteAllText(path + ".partial", "someone else's file");
            Faults.EnqueueHostile(HostileMode.EndlessBody, "/api/v1/account");
            (error, elapsed) = await Timed<IgtimiApiException>(() => connection.InvokeAsync(new IgtimiRequest(HttpMethod.Get, "account"), path, default));
            Assert.Equal(IgtimiErrorKind.Timeout, error.Kind);
            Assert.InRange(elapsed, TimeSpan.Zero, Deadline + TimeSpan.FromSeconds(2));
            Assert.False(File.Exists(path));
            Assert.Equal("someone else's file", File.ReadAllText(path + ".partial"));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public async Task Out_file_naming_a_folder_is_refused_before_the_request()
    {
        using var connection = await ConnectAsync();
        var before = await SettledRequestCountAsync();
        await Assert.ThrowsAsync<IOException>(() => connection.InvokeAsync(new IgtimiRequest(HttpMethod.Get, "account"), Path.GetTempPath(), default));
        Assert.Equal(before, await SettledRequestCountAsync());
    }

    [Fact]
    public async Task An_error_body_that_never_ends_gives_the_status_at_once()
    {
        using var connection = await IgtimiConnection.ConnectAsync(new IgtimiClientOptions(_emulator.BaseUri) { Retry = new RetryPolicy { MaxRetries = 0 } },
            new AccessTokenGrant(EmulatorFixture.OwnerToken), default);
        Faults.EnqueueHostile(HostileMode.EndlessErrorBody, "/api/v1/devices", new HostileOptions { Status = 500, IntervalMs = 50 });
        var (error, elapsed) = await Timed<IgtimiApiException>(() => connection.GetDevicesAsync(null, default));
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("not read to its end", error.Message);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(13));
    }

    [Fact]
    public async Task Ctrl_C_stops_an_endless_error_body_within_a_second()
    {
        using var connection = await ConnectAsync(
            new IgtimiClientOptions(_emulator.BaseUri) { Timeout = TimeSpan.FromMinutes(10), IdleTimeout = TimeSpan.FromMinutes(10) });
        Faults.EnqueueHostile(HostileMode.EndlessErrorBody, "/api/v1/devices");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var (_, elapsed) = await Timed<OperationCanceledException>(() => connection.GetDevicesAsync(null, stop.Token));
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task Ctrl_C_stops_an_endless_data_body_within_a_second()
    {
        using var connection = await ConnectAsync(
            new IgtimiClientOptions(_emulator.BaseUri) { Timeout = TimeSpan.FromMinutes(10), IdleTimeout = TimeSpan.FromMinutes(10) });
        Faults.EnqueueHostile(HostileMode.EndlessBody, "/api/v1/resources/data");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var (_, elapsed) = await Timed<OperationCanceledException>(() => DownloadAsync(connection, OneDevice(Serial), cancellationToken: stop.Token));
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task A_data_body_that_never_ends_fails_after_one_retry_of_its_deadline()
    {
        // An idle timeout as long as the deadline, so that a busy test machine's pause in the trickle is never taken for a stall.
        var options = Impatient();
        options.IdleTimeout = Deadline;
        using var connection = await ConnectAsync(options);
        Faults.EnqueueHostile(HostileMode.EndlessBody, "/api/v1/resources/data", new HostileOptions { IntervalMs = 50 });
        Faults.EnqueueHostile(HostileMode.EndlessBody, "/api/v1/resources/data", new HostileOptions { IntervalMs = 50 });
        var (error, elapsed) = await Timed<IgtimiApiException>(() => DownloadAsync(connection, OneDevice(Serial)));
        Assert.Equal(IgtimiErrorKind.Timeout, error.Kind);
        Assert.InRange(elapsed, TimeSpan.Zero, Deadline * 2 + TimeSpan.FromSeconds(3));
        Assert.Equal(0, Faults.PendingCount);
    }

    [Theory]
    [InlineData("html", "markup")]
    [InlineData("xml", "markup")]
    [InlineData("{\"S\":{\"1\":{\"t\":[NaN]}}}", "not packed data")]
    [InlineData("null", "not packed data")]
    [InlineData("[1,2,3]", "not packed data")]
    [InlineData("\"text\"", "not packed data")]
    [InlineData("deep", "not packed data")]
    [InlineData("{\"S\":{\"1\":{\"t\":[1,2", "ends before it is complete")]
    [InlineData("empty", "empty")]
    [InlineData("utf8", "UTF-8")]
    [InlineData("gzip", "compressed")]
    public async Task A_malformed_data_body_is_an_invalid_response_named_with_endpoint_status_and_excerpt(string body, string problem)
    {
        using var connection = await ConnectAsync();
        var before = await SettledRequestCountAsync();
        switch (body)
        {
            case "html": Faults.EnqueueHostile(HostileMode.Html, "/api/v1/resources/data"); break;
            case "xml":
                Faults.EnqueueHostile(HostileMode.Body, "/api/v1/resources/data",
                    new HostileOptions { Body = "<data/>", ContentType = "application/xml" });
                break;
            case "deep": Faults.EnqueueHostile(HostileMode.Body, "/api/v1/resources/data", new HostileOptions { Body = new string('[', 5000) }); break;
            case "empty": Faults.EnqueueHostile(HostileMode.Empty, "/api/v1/resources/data"); break;
            case "utf8":
                Faults.EnqueueHostile(HostileMode.InvalidUtf8, "/api/v1/resources/data",
                    new HostileOptions { BodyBytes = [.. "{\"S\":{\"1\":{\"t\":[1],\"1\":[\""u8, 0xC3, 0x28, 0xFF, .. "\"]}}}"u8] });
                break;
            case "gzip":
                Faults.EnqueueHostile(HostileMode.Body, "/api/v1/resources/data",
                    new HostileOptions { Body = "this is not gzip at all", ContentEncoding = "gzip" });
                break;
            default: Faults.EnqueueHostile(HostileMode.Body, "/api/v1/resources/data", new HostileOptions { Body = body }); break;
        }
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => DownloadAsync(connection, OneDevice(Serial)));
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
        Assert.Contains(problem, error.Message);
        Assert.Contains("resources/data", error.Message);
        Assert.Contains("200", error.Message);
        Assert.DoesNotContain(EmulatorFixture.OwnerToken, error.ToString());
        Assert.Equal(before + 1, await SettledRequestCountAsync(before + 1)); // never retried: the server answered, wrongly
    }

    [Fact]
    public async Task The_data_error_shape_keeps_error_and_reason()
    {
        using var connection = await ConnectAsync();
        Faults.EnqueueHostile(HostileMode.Body, "/api/v1/resources/data",
            new HostileOptions { Body = "{\"error\":\"span_too_long\",\"reason\":\"one month at most\"}" });
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => DownloadAsync(connection, OneDevice(Serial)));
        Assert.Equal(IgtimiErrorKind.ApiError, error.Kind);
        Assert.Equal("span_too_long", error.ApiError);
        Assert.Equal("one month at most", error.ApiErrorDescription);
        Assert.Contains("span_too_long", error.Message);
        Assert.Contains("one month at most", error.Message);
        Assert.Contains("resources/data", error.Message);
    }

    [Fact]
    public async Task A_204_from_resources_data_is_no_data_and_is_not_retried()
    {
        using var connection = await ConnectAsync();
        var before = await SettledRequestCountAsync();
        Faults.EnqueueHostile(HostileMode.Empty, "/api/v1/resources/data", new HostileOptions { Status = 204 });
        var blocks = new List<IgtimiDataBlock>();
        await DownloadAsync(connection, OneDevice(Serial), blocks);
        Assert.Empty(blocks);
        Assert.Equal(before + 1, await SettledRequestCountAsync(before + 1));
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_a_protocol_violation()
    {
        using var connection = await ConnectAsync();
        // A cut-off GET may be sent again (whether the client sees the cut before or after the headers
        // depends on timing), so every attempt the retry policy allows meets the fault.
        for (var attempt = 0; attempt <= new RetryPolicy().MaxRetries; attempt++)
            Faults.EnqueueHostile(HostileMode.WrongContentLength, "/api/v1/account");
        IgtimiApiException error;
        try
        {
            error = await Assert.ThrowsAsync<IgtimiApiException>(() => connection.InvokeAsync(new IgtimiRequest(HttpMethod.Get, "account"), null, default));
        }
        finally
        {
            Faults.Clear();
        }
        Assert.True(error.Kind == IgtimiErrorKind.ProtocolViolation || error.Kind == IgtimiErrorKind.Network, error.Kind + ": " + error.Message);
        Assert.Contains("account", error.Message);
    }

    [Fact]
    public async Task A_data_body_shorter_than_its_content_length_is_fetched_again()
    {
        using var connection = await ConnectAsync();
        var clean = new List<IgtimiDataBlock>();
        await DownloadAsync(connection, OneDevice(Serial), clean);
        Faults.EnqueueHostile(HostileMode.WrongContentLength, "/api/v1/resources/data");
        var blocks = new List<IgtimiDataBlock>();
        await DownloadAsync(connection, OneDevice(Serial), blocks);
        Assert.Equal(clean.Sum(b => b.Count), blocks.Sum(b => b.Count));
    }

    [Fact]
    public async Task Huge_headers_are_a_protocol_violation_not_an_unreachable_server()
    {
        using var connection = await ConnectAsync();
        Faults.EnqueueHostile(HostileMode.HugeHeader, "/api/v1/account");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => connection.GetAccountAsync(default));
        Assert.Equal(IgtimiErrorKind.ProtocolViolation, error.Kind);
    }

    [Fact]
    public async Task A_gzip_bomb_is_stopped_at_the_size_cap_with_little_memory()
    {
        using var connection = await ConnectAsync(new IgtimiClientOptions(_emulator.BaseUri) { MaxBufferedBodyBytes = 8 << 20 });
        Faults.EnqueueHostile(HostileMode.GzipBomb, "/api/v1/account");
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => connection.InvokeAsync(new IgtimiRequest(HttpMethod.Get, "account"), null, default));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("larger than", error.Message);
        Assert.InRange(allocated, 0, 64L << 20);
    }

    [Fact]
    public async Task Html_where_json_belongs_is_an_invalid_response_with_its_title()
    {
        using var connection = await ConnectAsync();
        Faults.EnqueueHostile(HostileMode.Html, "/api/v1/devices");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => connection.GetDevicesAsync(null, default));
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("text/html", error.Message);
        Assert.Contains("Service Unavailable", error.Message);
    }

    [Theory]
    [InlineData("{\"sessions\":[{\"session\":{\"id\":1,\"name\":\"x\",\"start_time\":1e300}}]}")]
    [InlineData("{\"sessions\":[{\"session\":{\"id\":1,\"name\":\"x\",\"start_time\":-1e15}}]}")]
    [InlineData("{\"sessions\":[{\"session\":{\"id\":1e300}}]}")]
    [InlineData("{\"sessions\":[null]}")]
    [InlineData("{\"sessions\":{\"session\":1}}")]
    public async Task Absurd_numbers_in_objects_are_invalid_responses_not_crashes(string body)
    {
        using var connection = await ConnectAsync();
        Faults.EnqueueHostile(HostileMode.Body, "/api/v1/sessions", new HostileOptions { Body = body });
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => connection.GetSessionsAsync(new IgtimiSessionFilter(), default));
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task Latest_data_with_a_numeric_serial_or_an_impossible_time_is_left_out_with_a_warning()
    {
        using var connection = await ConnectAsync();
        Faults.EnqueueHostile(HostileMode.Body, "/api/v1/resources/data/latest", new HostileOptions
        {
            Body = "{\"latest_data\":[{\"latest_datum\":{\"serial_number\":42,\"c1\":1,\"timestamp\":1700000000000.0}}," +
                   "{\"latest_datum\":{\"serial_number\":\"A\",\"c1\":1,\"timestamp\":99999999999999999}}," +
                   "{\"latest_datum\":{\"serial_number\":\"B\",\"c1\":2,\"timestamp\":\"NaN\"}}," +
                   "{\"latest_datum\":{\"serial_number\":\"C\",\"c1\":3,\"timestamp\":1700000000000.0}}]}",
        });
        var warnings = new List<string>();
        var points = await connection.GetLatestDataAsync(9, new[] { "A", "B", "C" }, default, warnings.Add);
        Assert.Equal("C", Assert.Single(points).SerialNumber);
        Assert.Contains("3 latest value(s) were left out", Assert.Single(warnings));
    }

    [Fact]
    public async Task Latest_data_with_invalid_utf8_is_an_invalid_response()
    {
        using var connection = await ConnectAsync();
        Faults.EnqueueHostile(HostileMode.InvalidUtf8, "/api/v1/resources/data/latest");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => connection.GetLatestDataAsync(9, new[] { "A" }, default));
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public async Task A_server_list_holding_a_number_skips_it_with_a_warning()
    {
        using var connection = await ConnectAsync();
        Faults.EnqueueHostile(HostileMode.Body, "/server_listers/web_sockets",
            new HostileOptions { Body = "{\"web_socket_servers\":[42,\"ws://127.0.0.1:1/live_api\",null]}" });
        var servers = await connection.GetLiveServersAsync(default);
        Assert.Equal("ws://127.0.0.1:1/live_api", Assert.Single(servers).AbsoluteUri);
    }

    [Fact]
    public async Task A_refused_certificate_says_it_is_the_certificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=impostor.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var pfx = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var tls = new SslStream(client.GetStream());
            try { await tls.AuthenticateAsServerAsync(pfx); }
            catch (Exception ex) when (ex is IOException || ex is System.Security.Authentication.AuthenticationException) { }
        });
        try
        {
            var error = await Assert.ThrowsAsync<IgtimiApiException>(() => IgtimiConnection.ConnectAsync(
                new IgtimiClientOptions(new Uri($"https://127.0.0.1:{port}/")), new AccessTokenGrant(EmulatorFixture.OwnerToken), default));
            Assert.Equal(IgtimiErrorKind.Certificate, error.Kind);
            Assert.Contains("certificate", error.Message);
        }
        finally
        {
            listener.Stop();
            await serve.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        }
    }
}
