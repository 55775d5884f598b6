using System.Net;
using System.Text.Json;
using Igtimi.Client.Api;
using Igtimi.Client.Http;
using Igtimi.Client.Models;
using Xunit;

namespace Igtimi.Client.Tests.Writes;

/// <summary>
/// The request shapes of the device, sharing and upload writes (docs/design/igtimi-api-2013.md sections 3.5, 3.8, 3.9; sap-dialect.md
/// section 7), the success rule and the write retry rule, against a scripted server.
/// </summary>
public class DeviceWriteRequestTests
{
    private const string Token = "9bb5053c3a4712f4f5f520860513d0f78f97700205e85ba712ae06672e328801";
    private static readonly DateTimeOffset Start = new(2025, 6, 15, 11, 0, 0, TimeSpan.Zero);

    private static (IIgtimiDialect Dialect, StubHandler Stub) Create(IgtimiServerFlavor flavor)
    {
        var stub = new StubHandler();
        var options = new IgtimiClientOptions(new Uri("https://igtimi.example/"))
        {
            ApiPath = flavor == IgtimiServerFlavor.Sap ? "igtimi/api/v1/" : "api/v1/",
        };
        options.Retry.Delay = (_, _) => Task.CompletedTask;
        var http = new IgtimiHttp(options, () => Token, stub);
        return (IgtimiDialects.Create(flavor, http, () => Token), stub);
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));

    [Fact]
    public async Task Upload_is_multipart_with_the_file_part_and_the_three_fields()
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Igtimi);
        stub.Respond(HttpStatusCode.OK, Models.Fixtures.Read("igtimi-2013_upload.json"));
        var (id, md5, source) = await dialect.UploadFileAsync(7, "notes.csv", "a,b\n1,2"u8.ToArray(), "text/csv", Start, Start.AddMinutes(5), default);

        // The reference's own reply: its resource id, md5 and null source are read as sent.
        Assert.Equal((1L, "98330e72eeef4fcae7fa8b339ffc2c69", (string?)null), (id, md5, source));
        var request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://igtimi.example/api/v1/resource_data/upload", request.Uri.AbsoluteUri);
        Assert.Equal("multipart/form-data", request.ContentType);
        var body = request.Body!;
        Assert.Contains("name=file; filename=notes.csv", body);
        Assert.Contains("Content-Type: text/csv", body);
        Assert.Contains("a,b\n1,2", body);
        foreach (var (name, value) in new[] { ("start_time", "1749985200000"), ("end_time", "1749985500000"), ("resource_id", "7") })
            Assert.Matches($"name={name}\\r\\n(.*\\r\\n)*\\r\\n{value}\\r\\n", body);
    }

    [Fact]
    public async Task Upload_without_a_resource_datum_is_an_invalid_response()
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Igtimi);
        stub.Respond(HttpStatusCode.OK, """{"success":true}""");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => dialect.UploadFileAsync(7, "f", [1], "application/octet-stream", Start, Start, default));
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task Grant_is_a_form_under_the_device_then_a_reread_of_its_windows()
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Igtimi);
        stub.Respond(HttpStatusCode.OK, Models.Fixtures.Read("igtimi-2013_success.json"))
            .Respond(HttpStatusCode.OK, "{\"data_access_windows\":[{\"data_access_window\":{\"id\":9," +
                                        "\"start_time\":1749985200000.0,\"end_time\":1749988800000.0," +
                                        "\"device_serial_number\":\"DC-GD-AAED\",\"recipient\":{\"user\":{\"id\":42}}}}]}");
        var window = await dialect.GrantDeviceAccessAsync(new IgtimiAccessGrant
        {
            SerialNumber = "DC-GD-AAED", UserId = 42, Start = Start, End = Start.AddHours(1), Read = true,
        }, default);

        Assert.Equal(9, window!.Id);
        var post = stub.Requests[0];
        Assert.Equal("https://igtimi.example/api/v1/devices/DC-GD-AAED/data_access_window", post.Uri.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", post.ContentType);
        Assert.Equal(new Dictionary<string, string>
        {
            ["start_time"] = "1749985200000", ["end_time"] = "1749988800000", ["user_id"] = "42", ["read"] = "true", ["modify"] = "false",
        }, Form(post.Body!));
        Assert.Contains("type=read", stub.Requests[1].Body ?? stub.Requests[1].Uri.Query);
    }

    [Theory]
    [InlineData("""{"success":false}""")]
    [InlineData("""{}""")]
    [InlineData("""{"success":"true"}""")]
    [InlineData("""{"error":"nope","error_description":"no modify permission"}""")]
    public async Task Only_success_true_proves_a_rename(string reply)
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Igtimi);
        stub.Respond(HttpStatusCode.OK, reply);
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => dialect.RenameDeviceAsync("DC-GD-AAED", "Bot", default));
        Assert.Equal(IgtimiErrorKind.InvalidResponse, error.Kind);
        var put = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Put, put.Method);
        Assert.Equal("name=Bot", put.Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_write_is_not_retried_when_the_reply_proves_nothing(HttpStatusCode status)
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Igtimi);
        stub.Respond(status).Respond(HttpStatusCode.OK, """{"success":true}""");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => dialect.UnregisterDeviceAsync("DC-GD-AAED", null, default));
        Assert.Equal(status, error.StatusCode);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_write_is_not_retried_after_a_broken_connection()
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Igtimi);
        stub.Throw(new HttpRequestException("reset", new IOException("reset"))).Respond(HttpStatusCode.OK, """{"success":true}""");
        await Assert.ThrowsAsync<IgtimiApiException>(() => dialect.RenameDeviceAsync("DC-GD-AAED", "Bot", default));
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_write_is_retried_after_a_429_which_proves_nothing_happened()
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Igtimi);
        stub.Respond((HttpStatusCode)429).Respond(HttpStatusCode.OK, """{"success":true}""");
        await dialect.UnregisterDeviceAsync("DC-GD-AAED", null, default);
        Assert.Equal(2, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal("https://igtimi.example/api/v1/devices/DC-GD-AAED/unregister", r.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task Sap_register_posts_json_with_the_id_and_reads_the_device_back()
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Sap);
        stub.Respond(HttpStatusCode.OK, "")
            .Respond(HttpStatusCode.OK, """{"devices":[{"id":42,"serial_number":"DC-GD-AAED","name":"Bot"}]}""");
        var device = await dialect.RegisterDeviceAsync("DC-GD-AAED", null, "Bot", 42, default);

        Assert.Equal(42, device.Id);
        var post = stub.Requests[0];
        Assert.Equal("https://igtimi.example/igtimi/api/v1/devices", post.Uri.AbsoluteUri);
        Assert.Equal("application/json", post.ContentType);
        using var json = JsonDocument.Parse(post.Body!);
        Assert.Equal(42, json.RootElement.GetProperty("id").GetInt64());
        Assert.Equal("DC-GD-AAED", json.RootElement.GetProperty("serial_number").GetString());
        Assert.Equal("Bot", json.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Sap_grant_posts_the_window_and_reads_the_unwrapped_reply()
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Sap);
        stub.Respond(HttpStatusCode.OK, """{"id":7,"start_time":1749985200000,"end_time":1749988800000,"device_serial_number":"DC-GD-AAED"}""");
        var grant = new IgtimiAccessGrant { SerialNumber = "DC-GD-AAED", Start = Start, End = Start.AddHours(1) };
        var window = await dialect.GrantDeviceAccessAsync(grant, default);

        Assert.Equal(7, window!.Id);
        using var json = JsonDocument.Parse(Assert.Single(stub.Requests).Body!);
        Assert.Equal(0, json.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(1749985200000, json.RootElement.GetProperty("start_time").GetInt64());
        Assert.Equal(1749988800000, json.RootElement.GetProperty("end_time").GetInt64());
        Assert.False(json.RootElement.TryGetProperty("user_id", out _));
    }

    [Fact]
    public async Task Sap_revoke_checks_the_id_then_deletes_it()
    {
        var (dialect, stub) = Create(IgtimiServerFlavor.Sap);
        stub.Respond(HttpStatusCode.OK, """{"data_access_windows":[{"data_access_window":{"id":8,"start_time":1,"end_time":2,"device_serial_number":"X"}}]}""")
            .Respond(HttpStatusCode.OK, "");
        await dialect.RevokeDeviceAccessAsync(8, default);
        Assert.Equal(HttpMethod.Delete, stub.Requests[1].Method);
        Assert.Equal("https://igtimi.example/igtimi/api/v1/data_access_windows/8", stub.Requests[1].Uri.AbsoluteUri);

        stub.Respond(HttpStatusCode.OK, """{"data_access_windows":[]}""");
        var error = await Assert.ThrowsAsync<IgtimiApiException>(() => dialect.RevokeDeviceAccessAsync(8, default));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task What_a_dialect_lacks_is_the_not_offered_error_before_any_request()
    {
        var (igtimi, igtimiStub) = Create(IgtimiServerFlavor.Igtimi);
        var (sap, sapStub) = Create(IgtimiServerFlavor.Sap);
        async Task<IgtimiErrorKind> Kind(Func<Task> call) => (await Assert.ThrowsAsync<IgtimiApiException>(async () => await call())).Kind;
        Assert.Equal(IgtimiErrorKind.NotOffered, await Kind(() => igtimi.RevokeDeviceAccessAsync(1, default)));
        Assert.Equal(IgtimiErrorKind.NotOffered, await Kind(() => sap.RenameDeviceAsync("X", "n", default)));
        Assert.Equal(IgtimiErrorKind.NotOffered, await Kind(() => sap.UploadFileAsync(1, "f", [1], "text/plain", Start, Start, default)));
        Assert.Equal(IgtimiErrorKind.NotOffered, await Kind(() =>
            sap.GrantDeviceAccessAsync(new IgtimiAccessGrant { SerialNumber = "X", UserId = 1, Start = Start, End = Start.AddHours(1) }, default)));
        Assert.Empty(igtimiStub.Requests);
        Assert.Empty(sapStub.Requests);
    }
}
