using Igtimi.Emulator.Faults;

namespace Igtimi.Emulator.Sap;

/// <summary>
/// The SAP live server at <see cref="LiveServers.SapPath"/> (<see cref="SapLiveConnection"/>). The user comes from the upgrade request:
/// <c>Authorization: Bearer|Basic</c> or the <c>username</c>/<c>password</c> query parameters; missing or bad credentials give an anonymous
/// connection, never an error. A plain request that is not an upgrade gets Jetty's 400 page. <see cref="LiveFaults.RefuseFirst"/> does not
/// apply (the one SAP server is never refused; script status faults with the path prefix to refuse upgrades).
/// </summary>
internal static class SapLiveEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => app.Map(LiveServers.SapPath, ServeAsync);

    private static async Task ServeAsync(HttpContext http)
    {
        var services = http.RequestServices;
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await SapResults.JettyError(http, StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }
        var world = services.GetRequiredService<EmulatorWorld>();
        var security = services.GetRequiredService<SapSecurity>();
        var outcome = await security.AuthenticateAsync(http.Request, allowForm: false, allowQuery: true);
        if (outcome.User is null && outcome.Kind != SapSecurity.CredentialKind.None)
            security.AnonymousFallback();
        var user = outcome.User ?? world.SapAnonymous;

        var live = services.GetRequiredService<LiveServers>();
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        services.GetRequiredService<FaultInjector>().Record(http.Request.Method, http.Request.Path.Value ?? LiveServers.SapPath,
            StatusCodes.Status101SwitchingProtocols);
        http.Items[RequestLogMiddleware.LoggedKey] = true;
        live.Opened(LiveServers.SapPath);
        try
        {
            var connection = new SapLiveConnection(http, socket, live, services.GetRequiredService<SapData>(), user,
                services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            await connection.RunAsync();
        }
        finally
        {
            live.Closed();
        }
    }
}
