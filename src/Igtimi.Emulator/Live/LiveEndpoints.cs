using Igtimi.Emulator.Api;
using Igtimi.Emulator.Faults;

namespace Igtimi.Emulator.Live;

/// <summary>
/// The live WebSocket servers at <c>/live_api</c> and <c>/live_api2</c> (<see cref="LiveConnection"/>), and the test helper
/// <c>GET /_emulator/live_clock</c> and <c>/_emulator/live_connections</c> (how closed connections ended).
/// A request to a server path that is not a WebSocket upgrade gets 400; with
/// <see cref="LiveFaults.RefuseFirst"/> an upgrade to <c>/live_api</c> gets 503.
/// </summary>
internal static class LiveEndpoints
{
    /// <summary>The two igtimi.com live servers (igtimi flavor only).</summary>
    public static void MapServers(IEndpointRouteBuilder app)
    {
        foreach (string path in LiveServers.Paths)
            app.Map(path, (HttpContext http) => ServeAsync(http, path));
    }

    /// <summary><c>GET /_emulator/live_clock</c> and <c>GET|DELETE /_emulator/live_connections</c> (both flavors).</summary>
    public static void MapClock(IEndpointRouteBuilder app)
    {
        app.MapGet(AdminPaths.LiveConnections, (LiveServers live) => Results.Json(new
        {
            open = live.OpenConnections,
            connections = live.RecentCloses.Select(c => new
            {
                path = c.Path,
                opened = c.Opened,
                closed = c.Closed,
                closed_by = c.ClosedBy,
                server_status = c.ServerStatus,
                client_status = c.ClientStatus,
                close_code = c.CloseCode,
            }),
        }));
        app.MapDelete(AdminPaths.LiveConnections, (LiveServers live) =>
        {
            live.ClearCloses();
            return Results.NoContent();
        });
        app.MapGet(AdminPaths.LiveClock, (LiveServers live) => Results.Json(new
        {
            now_ms = live.Clock.NowMs,
            start_ms = live.Clock.StartMs,
            speed = live.Clock.Speed,
        }));
    }

    private static async Task ServeAsync(HttpContext http, string path)
    {
        var services = http.RequestServices;
        var live = services.GetRequiredService<LiveServers>();
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await ApiResults.Error(StatusCodes.Status400BadRequest, "bad_request", "This is a live WebSocket server: connect with a WebSocket upgrade.")
                .ExecuteAsync(http);
            return;
        }
        if (live.Faults.RefuseFirst && string.Equals(path, LiveServers.FirstPath, StringComparison.Ordinal))
        {
            live.Refused();
            await ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "emulated fault: this live server refuses connections")
                .ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        services.GetRequiredService<FaultInjector>().Record(http.Request.Method, http.Request.Path.Value ?? path, StatusCodes.Status101SwitchingProtocols);
        http.Items[RequestLogMiddleware.LoggedKey] = true;
        live.Opened(path);
        try
        {
            var connection = new LiveConnection(http, socket, live, services.GetRequiredService<EmulatorWorld>(),
                services.GetRequiredService<FleetData>(), services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            await connection.RunAsync();
        }
        finally
        {
            live.Closed();
        }
    }
}
