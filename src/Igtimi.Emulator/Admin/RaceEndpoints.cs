using System.Globalization;
using Igtimi.Emulator.Api;
using Igtimi.Emulator.Faults;

namespace Igtimi.Emulator.Admin;

/// <summary>
/// <c>GET /_emulator/races/{sessionId}/manoeuvres</c>: the fleet model's tacks and gybes during a session (both flavors, no
/// token), the ground truth that tack counts computed from the data can be checked against.
/// </summary>
internal static class RaceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(AdminPaths.Races + "/{sessionId}/manoeuvres", (string sessionId, EmulatorWorld world, FleetData data) =>
        {
            if (!long.TryParse(sessionId, NumberStyles.None, CultureInfo.InvariantCulture, out long id) || world.FindSession(id) is not { } session)
                return ApiResults.Error(StatusCodes.Status404NotFound, "not_found", $"No session with the id '{sessionId}'.");
            return Results.Json(data.Manoeuvres(session).Select(m => new
            {
                serial = m.Device.SerialNumber,
                device = m.Device.Name,
                time = m.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                time_ms = m.Time.ToUnixTimeMilliseconds(),
                kind = m.Kind,
                heading_before = m.HeadingBefore,
                heading_after = m.HeadingAfter,
            }));
        });
    }
}
