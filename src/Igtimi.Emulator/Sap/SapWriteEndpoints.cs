using System.Text.Json;

namespace Igtimi.Emulator.Sap;

/// <summary>
/// SAP's device and window writes (docs/design/sap-dialect.md sections 4.2–4.6 and 7): JSON bodies (else 415), Shiro's plain-text 401 for a
/// missing right, Jetty's 500 for a body it cannot bind.
/// <list type="bullet">
/// <item><c>POST devices</c> <c>{"id","serial_number","name"}</c>: any signed-in user (anonymous: 401); the id is used as sent; 200, empty.</item>
/// <item><c>DELETE devices/{id}</c>: the owner (else 401); an unknown id is 200.</item>
/// <item><c>POST data_access_windows</c> <c>{"id","start_time","end_time","device_serial_number"}</c>: an owner or admin of the device
/// (else 401); the body's id is ignored, the new one is the largest + 1; no recipient; answers the window unwrapped.</item>
/// <item><c>DELETE data_access_windows/{id}</c>: an owner or admin of the window's device (else 401); an unknown id is 200.</item>
/// </list>
/// </summary>
internal static class SapWriteEndpoints
{
    public static async Task<IResult> CreateDeviceAsync(HttpContext http, EmulatorWorld world)
    {
        if (!http.Request.HasJsonContentType())
            return SapResults.JettyError(http, StatusCodes.Status415UnsupportedMediaType);
        var me = SapGatewayFilter.CurrentUser(http);
        if (world.IsSapAnonymous(me))
            return SapResults.NoPermission("IGTIMI_DEVICE:CREATE");
        if (await BodyAsync(http) is not { } body || !TryLong(body, "id", out long id) || Text(body, "serial_number") is not { Length: > 0 } serial)
            return SapResults.JettyError(http, StatusCodes.Status500InternalServerError);
        return world.RegisterDevice(me, serial, Text(body, "name"), id) is null
            ? SapResults.JettyError(http, StatusCodes.Status500InternalServerError)
            : Results.Ok();
    }

    public static IResult DeleteDevice(string id, HttpContext http, EmulatorWorld world)
    {
        var me = SapGatewayFilter.CurrentUser(http);
        if (!long.TryParse(id, out long deviceId) || world.FindDeviceById(deviceId) is not { } device)
            return Results.Ok();
        if (device.OwnerId != me.Id)
            return SapResults.NoPermission($"IGTIMI_DEVICE:DELETE:{id}");
        world.UnregisterDevice(device);
        return Results.Ok();
    }

    public static async Task<IResult> CreateWindowAsync(HttpContext http, EmulatorWorld world)
    {
        if (!http.Request.HasJsonContentType())
            return SapResults.JettyError(http, StatusCodes.Status415UnsupportedMediaType);
        var me = SapGatewayFilter.CurrentUser(http);
        if (await BodyAsync(http) is not { } body || !TryLong(body, "start_time", out long start) || !TryLong(body, "end_time", out long end)
            || Text(body, "device_serial_number") is not { Length: > 0 } serial)
            return SapResults.JettyError(http, StatusCodes.Status500InternalServerError);
        if (world.IsSapAnonymous(me) || world.FindDevice(serial) is not { } device || !world.Administers(me, device))
            return SapResults.NoPermission("IGTIMI_DATA_ACCESS_WINDOW:CREATE:0");
        var window = world.AddDataAccessWindow(device.SerialNumber, DateTimeOffset.FromUnixTimeMilliseconds(start),
            DateTimeOffset.FromUnixTimeMilliseconds(end), EmulatorPermissions.ReadOnly, null);
        return SapResults.Json(w =>
        {
            w.StartObject();
            w.Name("id");
            w.Number(window.Id);
            w.Name("start_time");
            w.Number(start);
            w.Name("end_time");
            w.Number(end);
            w.Name("device_serial_number");
            w.String(window.DeviceSerialNumber);
            w.EndObject();
        });
    }

    public static IResult DeleteWindow(string id, HttpContext http, EmulatorWorld world)
    {
        var me = SapGatewayFilter.CurrentUser(http);
        if (!long.TryParse(id, out long windowId) || world.FindDataAccessWindow(windowId) is not { } window)
            return Results.Ok();
        if (world.FindDevice(window.DeviceSerialNumber) is not { } device || !world.Administers(me, device))
            return SapResults.NoPermission($"IGTIMI_DATA_ACCESS_WINDOW:DELETE:{id}");
        world.RemoveDataAccessWindow(windowId);
        return Results.Ok();
    }

    private static async Task<JsonElement?> BodyAsync(HttpContext http)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryLong(JsonElement body, string name, out long value)
    {
        value = 0;
        return body.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString()?.Trim() : null;
}
