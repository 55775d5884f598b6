namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>GET /server_listers/web_sockets</c> at the site root (not under /api/v1; no token): the live WebSocket servers,
/// built from the request's host: <see cref="LiveServers.FirstPath"/> then <see cref="LiveServers.SecondPath"/>.
/// </summary>
internal static class ServerListerEndpoints
{
    public const string Path = "/server_listers/web_sockets";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext http) =>
        {
            string scheme = http.Request.IsHttps ? "wss" : "ws";
            string host = http.Request.Host.Value ?? "127.0.0.1";
            return Results.Json(new { web_socket_servers = LiveServers.Paths.Select(p => $"{scheme}://{host}{p}").ToArray() });
        });
}
