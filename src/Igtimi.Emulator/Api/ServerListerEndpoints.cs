namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>GET /server_listers/web_sockets</c> at the site root (not under /api/v1; no token): the live WebSocket servers,
/// built from the request's host. The live servers themselves come in a later issue; until then they answer 404.
/// </summary>
internal static class ServerListerEndpoints
{
    public const string Path = "/server_listers/web_sockets";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext http) =>
        {
            string scheme = http.Request.IsHttps ? "wss" : "ws";
            string host = http.Request.Host.Value ?? "127.0.0.1";
            return Results.Json(new { web_socket_servers = new[] { $"{scheme}://{host}/live_api", $"{scheme}://{host}/live_api2" } });
        });
}
