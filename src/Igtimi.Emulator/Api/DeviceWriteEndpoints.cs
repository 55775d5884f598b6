using System.Text.RegularExpressions;

namespace Igtimi.Emulator.Api;

/// <summary>
/// igtimi.com's device, sharing and upload writes (docs/design/igtimi-api-2013.md sections 3.5, 3.8, 3.9, 6.3): form bodies (multipart for
/// the upload), serial-keyed paths, <c>{"success":true}</c> or the created object, 401 for a missing right.
/// <list type="bullet">
/// <item><c>POST devices/register</c> (<c>serial_number</c>, optional <c>service_tag</c>): any signed-in user; the caller becomes owner.</item>
/// <item><c>DELETE devices/:serial/unregister</c>: the owner only.</item>
/// <item><c>PUT devices/:serial</c> (<c>name</c>): the owner or a member of the device's admin group.</item>
/// <item><c>POST devices/:serial/data_access_window</c> (<c>start_time</c>, <c>end_time</c>, <c>user_id</c>, <c>read</c>, <c>modify</c>):
/// modify on the device's data during the window.</item>
/// <item><c>POST resource_data/upload</c> (<c>file</c>, <c>start_time</c>, <c>end_time</c>, <c>resource_id</c>): modify on the resource.</item>
/// </list>
/// </summary>
internal static partial class DeviceWriteEndpoints
{
    [GeneratedRegex("^[A-Z0-9]{2,4}(-[A-Z0-9]{2,4}){1,3}$", RegexOptions.IgnoreCase)]
    private static partial Regex SerialPattern();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/devices/register", RegisterAsync);
        api.MapDelete("/devices/{serial}/unregister", (string serial, HttpContext http, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            if (world.FindDevice(serial) is not { } device)
                return ApiResults.NotFound($"No device {serial}");
            if (device.OwnerId != me.Id)
                return NoRight($"only the owner of {device.SerialNumber} may unregister it");
            return world.UnregisterDevice(device) ? Success() : ApiResults.NotFound($"No device {serial}");
        });
        api.MapPut("/devices/{serial}", RenameAsync);
        api.MapPost("/devices/{serial}/data_access_window", GrantAsync);
        api.MapPost("/resource_data/upload", UploadAsync);
    }

    private static IResult Success() => Results.Json(new { success = true });

    private static IResult NoRight(string description) =>
        ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthorized", "401 - no modify permission: " + description);

    private static IResult Invalid(string description) => ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "invalid", description);

    private static async Task<ApiParameters> FormAsync(HttpContext http)
    {
        var request = http.Request;
        var fields = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
            fields[name] = values;
        if (request.HasFormContentType)
        {
            foreach (var (name, values) in await request.ReadFormAsync(http.RequestAborted))
                fields[name] = values;
        }
        return new ApiParameters(new QueryCollection(fields));
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, EmulatorWorld world)
    {
        var me = TokenFilter.CurrentUser(http);
        var form = await FormAsync(http);
        if (form.Value("serial_number")?.Trim() is not { Length: > 0 } serial)
            return Invalid("serial_number is required.");
        if (!SerialPattern().IsMatch(serial))
            return Invalid($"'{serial}' is not a serial number such as DC-GD-AAED.");
        if (world.RegisterDevice(me, serial, null) is not { } device)
            return Invalid($"{serial} is already registered.");
        return Results.Json(new
        {
            device = new
            {
                id = device.Id,
                name = device.Name,
                serial_number = device.SerialNumber,
                service_tag = form.Value("service_tag"),
                permissions = PermissionsJson.From(world.DevicePermissions(me, device)),
            },
        });
    }

    private static async Task<IResult> RenameAsync(string serial, HttpContext http, EmulatorWorld world)
    {
        var me = TokenFilter.CurrentUser(http);
        var form = await FormAsync(http);
        if (world.FindDevice(serial) is not { } device)
            return ApiResults.NotFound($"No device {serial}");
        if (!world.Administers(me, device))
            return NoRight($"{device.SerialNumber} belongs to someone else");
        if (form.Value("name")?.Trim() is not { Length: > 0 } name)
            return Invalid("name is required.");
        return world.RenameDevice(device, name) ? Success() : ApiResults.NotFound($"No device {serial}");
    }

    private static async Task<IResult> GrantAsync(string serial, HttpContext http, EmulatorWorld world)
    {
        var me = TokenFilter.CurrentUser(http);
        var form = await FormAsync(http);
        if (world.FindDevice(serial) is not { } device)
            return ApiResults.NotFound($"No device {serial}");
        if (form.Time("start_time") is not { } start || form.Time("end_time") is not { } end)
            return Invalid("start_time and end_time are required (milliseconds since 1970-01-01 UTC).");
        if (start >= end)
            return Invalid("start_time must be before end_time.");
        if (!world.DevicePermissionsDuring(me, device, start, end).Modify)
            return NoRight($"no modify right on {device.SerialNumber} between {start:u} and {end:u}");
        if (form.Value("user_id") is not { } userText || !long.TryParse(userText, out long userId) || world.FindUser(userId) is not { } user)
            return Invalid("user_id must be the id of a user.");
        var permissions = new EmulatorPermissions(form.Flag("read"), form.Flag("modify"));
        if (!permissions.Any)
            return Invalid("read or modify must be true.");
        world.AddDataAccessWindow(device.SerialNumber, start, end, permissions, user.Id);
        return Success();
    }

    private static async Task<IResult> UploadAsync(HttpContext http, EmulatorWorld world)
    {
        var me = TokenFilter.CurrentUser(http);
        if (!http.Request.HasFormContentType)
            return Invalid("The upload is a multipart/form-data body.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var parameters = await FormAsync(http);
        if (form.Files.GetFile("file") is not { } file)
            return Invalid("file is required.");
        if (parameters.Time("start_time") is not { } start || parameters.Time("end_time") is not { } end)
            return Invalid("start_time and end_time are required (milliseconds since 1970-01-01 UTC).");
        if (parameters.Value("resource_id") is not { } idText || !long.TryParse(idText, out long resourceId) ||
            world.FindResource(resourceId) is not { } resource || world.FindDevice(resource.DeviceSerialNumber) is null)
            return Invalid("resource_id must be the id of a resource.");
        if (!world.ResourcePermissions(me, resource).Modify)
            return NoRight($"no modify right on resource {resource.Id}");
        using var content = new MemoryStream();
        await file.CopyToAsync(content, http.RequestAborted);
        var stored = world.AddUploadedFile(resource, Path.GetFileName(file.FileName), file.ContentType ?? "application/octet-stream", content.ToArray(),
            start, end);
        return Results.Json(new { resource_datum = new { resource_id = resource.Id, md5 = stored.Md5, source = (string?)null } });
    }
}
