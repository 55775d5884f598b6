using System.Text;

namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>GET sessions</c>, <c>GET sessions/{id}</c> and <c>GET sessions/{id}/logs</c> (XML). A session the caller may
/// not read is absent from the list and answers 401 by id, as igtimi.com did; an unknown id answers 404.
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/sessions", (HttpContext http, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            var parameters = new ApiParameters(http.Request.Query);
            var ids = parameters.IdArray("ids");
            bool onlyPublic = parameters.Flag("public");
            bool includeIncomplete = parameters.Flag("include_incomplete");
            int? limit = parameters.Count("limit");

            IEnumerable<EmulatorSession> sessions = world.SessionsReadableBy(me)
                .Where(s => ids.Count == 0 || ids.Contains(s.Id))
                .Where(s => !onlyPublic || s.IsPublic)
                .Where(s => includeIncomplete || s.IsComplete)
                .OrderByDescending(s => s.StartTime)
                .ThenByDescending(s => s.Id);
            if (limit is { } max)
                sessions = sessions.Take(max);
            return Results.Json(new { sessions = sessions.Select(s => new { session = SessionJson.From(world, me, s) }) });
        });

        api.MapGet("/sessions/{id}", (HttpContext http, string id, EmulatorWorld world) =>
            Readable(http, id, world, out var session, out var me) ?? Results.Json(new { session = SessionJson.From(world, me, session!) }));

        api.MapGet("/sessions/{id}/logs", (HttpContext http, string id, EmulatorWorld world) =>
            Readable(http, id, world, out var session, out _) ?? Results.Text(
                SessionLogXml.Write(session!, new ApiParameters(http.Request.Query).Time("start_time")), "application/xml", Encoding.UTF8));
    }

    /// <summary>Null when the caller may read the session; otherwise the 404 or 401 answer.</summary>
    private static IResult? Readable(HttpContext http, string id, EmulatorWorld world, out EmulatorSession? session, out EmulatorUser me)
    {
        me = TokenFilter.CurrentUser(http);
        session = long.TryParse(id, out long sessionId) ? world.FindSession(sessionId) : null;
        if (session is null)
            return ApiResults.NotFound("Session not found");
        if (!world.SessionPermissions(me, session).Read)
            return ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthorized", "You are not authorized to read this session");
        return null;
    }
}
