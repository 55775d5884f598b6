using System.Globalization;

namespace Igtimi.Emulator.Sap;

/// <summary>
/// The SAP flavor's HTTP endpoints (docs/design/sap-dialect.md sections 2 and 4): the security API under <see cref="SecurityRoot"/> and
/// the gateway's REST API under <see cref="ApiRoot"/>. Every other path under <c>/igtimi</c> or <c>/security</c> gets Jetty's 404 page.
/// </summary>
internal static class SapEndpoints
{
    public const string SecurityRoot = "/security/api/restsecurity";
    public const string ApiRoot = "/igtimi/api/v1";
    public const string WebSocketPath = LiveServers.SapPath;

    /// <summary>The TCP port WindBots connect to, as <c>GET server</c> reports it.</summary>
    public const int DevicePort = 6000;

    /// <summary>The body is flushed to the response whenever this many bytes are pending.</summary>
    private const int FlushBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(SecurityRoot + "/access_token", [HttpMethods.Get, HttpMethods.Post], AccessTokenAsync);
        app.MapMethods(SecurityRoot + "/hello", [HttpMethods.Get, HttpMethods.Post], HelloAsync);

        var v1 = app.MapGroup(ApiRoot).AddEndpointFilter<SapGatewayFilter>();
        v1.MapGet("/devices", Devices);
        v1.MapPost("/devices", SapWriteEndpoints.CreateDeviceAsync);
        v1.MapDelete("/devices/{id}", SapWriteEndpoints.DeleteDevice);
        v1.MapGet("/data_access_windows", Windows);
        v1.MapPost("/data_access_windows", SapWriteEndpoints.CreateWindowAsync);
        v1.MapDelete("/data_access_windows/{id}", SapWriteEndpoints.DeleteWindow);
        v1.MapGet("/resources", () => SapResults.Json(w =>
        {
            w.StartObject();
            w.Name("resources");
            w.StartArray();
            w.EndArray();
            w.EndObject();
        }));
        v1.MapGet("/resources/data", Data);
        v1.MapMethods("/resources/data", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete],
            (HttpContext http) =>
            {
                http.Response.Headers.Allow = "GET,HEAD,OPTIONS";
                return SapResults.JettyError(http, StatusCodes.Status405MethodNotAllowed);
            });
        v1.MapGet("/resources/data/latest", Latest);
        v1.MapGet("/server_listers/web_sockets", ServerList);
        v1.MapGet("/server", () => SapResults.Json(w =>
        {
            w.StartObject();
            w.Name("port");
            w.Number(DevicePort);
            w.EndObject();
        }));

        // Catch-all routes rank below every literal route: only paths (or methods) nothing else serves get here.
        app.Map("/igtimi/{**rest}", (HttpContext http) => SapResults.JettyError(http, StatusCodes.Status404NotFound));
        app.Map("/security/{**rest}", (HttpContext http) => SapResults.JettyError(http, StatusCodes.Status404NotFound));
    }

    // ---- security API ----

    private static async Task<IResult> AccessTokenAsync(HttpContext http, EmulatorWorld world, SapSecurity security)
    {
        var outcome = await security.AuthenticateAsync(http.Request, allowForm: true, allowQuery: false);
        security.AccessTokenRequested(failed: outcome.User is null);
        if (outcome.User is not { } user)
            return SapResults.Unauthorized(http);
        return SapResults.Json(w =>
        {
            w.StartObject();
            w.Name("username");
            w.String(world.SapUserName(user));
            w.Name("access_token");
            w.String(world.SapToken(user));
            w.EndObject();
        });
    }

    private static async Task<IResult> HelloAsync(HttpContext http, EmulatorWorld world, SapSecurity security)
    {
        var outcome = await security.AuthenticateAsync(http.Request, allowForm: true, allowQuery: false);
        return SapResults.Json(w =>
        {
            w.StartObject();
            w.Name("principal");
            w.String(outcome.User is { } user ? world.SapUserName(user) : EmulatorCredentials.SapAnonymousUserName);
            w.Name("authenticated");
            w.Bool(outcome.User is not null);
            w.Name("remembered");
            w.Bool(false);
            w.EndObject();
        });
    }

    // ---- gateway ----

    private static IResult Devices(HttpContext http, SapData sap)
    {
        var me = SapGatewayFilter.CurrentUser(http);
        var devices = sap.Devices(me);
        return SapResults.Json(w =>
        {
            w.StartObject();
            w.Name("devices");
            w.StartArray();
            foreach (var device in devices)
            {
                w.StartObject();
                w.Name("id");
                w.Number(device.Id);
                w.Name("serial_number");
                w.String(device.SerialNumber);
                w.Name("name");
                w.String(device.Name);
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        });
    }

    private static IResult Windows(HttpContext http, SapData sap)
    {
        var me = SapGatewayFilter.CurrentUser(http);
        var parameters = new SapParameters(http.Request.Query);
        long? start = parameters.Time("start_time"), end = parameters.Time("end_time");
        var serials = parameters.Array("serial_numbers");
        var windows = sap.Windows(me, serials.Count == 0 ? null : serials, start, end);
        return SapResults.Json(w =>
        {
            w.StartObject();
            w.Name("data_access_windows");
            w.StartArray();
            foreach (var window in windows)
            {
                w.StartObject();
                w.Name("data_access_window");
                w.StartObject();
                w.Name("id");
                w.Number(window.Id);
                w.Name("start_time");
                w.Number(window.StartTime.ToUnixTimeMilliseconds());
                w.Name("end_time");
                w.Number(window.EndTime.ToUnixTimeMilliseconds());
                w.Name("device_serial_number");
                w.String(window.DeviceSerialNumber);
                w.EndObject();
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        });
    }

    private static IResult Data(HttpContext http, SapData sap)
    {
        var me = SapGatewayFilter.CurrentUser(http);
        var parameters = new SapParameters(http.Request.Query);
        long? start = parameters.Time("start_time"), end = parameters.Time("end_time");
        if (!parameters.Has("serial_numbers"))
            throw new SapParameterException("serial_numbers[] is required");
        var cases = parameters.Types();
        return new DataResult(sap, sap.Plan(me, parameters.Array("serial_numbers"), start, end, cases));
    }

    /// <summary>Writes <c>{"SERIAL":["base64",…],…}</c> straight to the response, flushing every ~64 KB.</summary>
    private sealed class DataResult(SapData sap, List<SapData.KeyPlan> plans) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var ct = http.RequestAborted;
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = SapJsonWriter.ContentType;
            var writer = new SapJsonWriter();
            var bytes = new byte[1024];
            writer.StartObject();
            foreach (var plan in plans)
            {
                writer.Name(plan.Device.SerialNumber);
                writer.StartArray();
                foreach (var entry in plan.Entries)
                {
                    if (sap.Stored(plan, entry) is { } stored)
                    {
                        writer.RawValue(stored);
                    }
                    else
                    {
                        int length = SapProtobuf.Encode(sap.Build(plan.Device, entry, plan.Cases), ref bytes);
                        writer.Base64String(bytes.AsSpan(0, length));
                    }
                    if (writer.BytesPending >= FlushBytes)
                        await writer.FlushAsync(http.Response.Body, ct);
                }
                writer.EndArray();
            }
            writer.EndObject();
            await writer.FlushAsync(http.Response.Body, ct);
        }
    }

    private static IResult Latest(HttpContext http, EmulatorWorld world, SapData sap, TimeProvider clock)
    {
        var me = SapGatewayFilter.CurrentUser(http);
        var parameters = new SapParameters(http.Request.Query);
        int type = 0;
        if (http.Request.Query["type"].LastOrDefault() is { Length: > 0 } text
            && !int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out type))
            return SapResults.JettyError(http, StatusCodes.Status404NotFound);
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var found = new List<(string Serial, byte[] Message)>();
        foreach (string serial in parameters.Array("serial_numbers").Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (world.FindDevice(serial) is { } device && sap.Latest(me, device, type, now, serial) is { } message)
                found.Add((serial, message.Encode()));
        }
        return SapResults.Json(w =>
        {
            w.StartObject();
            foreach (var (serial, message) in found)
            {
                w.Name(serial);
                w.StartArray();
                w.Base64String(message);
                w.EndArray();
            }
            w.EndObject();
        });
    }

    /// <summary>
    /// Exactly one URL from the request: <c>wss</c> over https or with <c>X-Forwarded-Proto: https</c> (then port 443, written out), else
    /// <c>ws</c> and the request's port; the request's host; <c>/igtimi/websocket</c>.
    /// </summary>
    private static IResult ServerList(HttpContext http)
    {
        var request = http.Request;
        bool forwarded = string.Equals(request.Headers["X-Forwarded-Proto"].ToString().Trim(), "https", StringComparison.OrdinalIgnoreCase);
        bool secure = forwarded || request.IsHttps;
        string host = request.Host.HasValue ? request.Host.Host : "127.0.0.1";
        if (host.Contains(':') && !host.StartsWith('['))
            host = "[" + host + "]";
        int port = forwarded ? 443 : request.Host.Port ?? http.Connection.LocalPort;
        string url = string.Create(CultureInfo.InvariantCulture, $"{(secure ? "wss" : "ws")}://{host}:{port}{WebSocketPath}");
        return SapResults.Json(w =>
        {
            w.StartObject();
            w.Name("web_socket_servers");
            w.StartArray();
            w.String(url);
            w.EndArray();
            w.EndObject();
        });
    }
}
