using System.Text;

namespace Igtimi.Emulator.Api;

/// <summary>
/// <c>POST sessions</c>, <c>DELETE sessions/{id}</c> and <c>POST sessions/{id}/logs</c> (docs/design/igtimi-api-2013.md
/// sections 3.6 and 3.7): the created session or <c>{"success":true}</c>; 401 without modify; 403 with the reason for log XML
/// that is not in the right form.
/// </summary>
internal static class SessionWriteEndpoints
{
    /// <summary>Log documents larger than this are refused (413).</summary>
    private const int MaxLogBytes = 4 * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/sessions", (HttpContext http, EmulatorWorld world) =>
        {
            var me = TokenFilter.CurrentUser(http);
            var result = world.CreateSession(me);
            return WriteResults.Of(result, s => Results.Json(new { session = SessionJson.From(world, me, s) }));
        });

        api.MapDelete("/sessions/{id}", (HttpContext http, string id, EmulatorWorld world) =>
            long.TryParse(id, out long sessionId)
                ? WriteResults.Success(world.DeleteSession(TokenFilter.CurrentUser(http), sessionId))
                : ApiResults.NotFound("Session not found"));

        api.MapPost("/sessions/{id}/logs", async (HttpContext http, string id, EmulatorWorld world) =>
        {
            if (!long.TryParse(id, out long sessionId))
                return ApiResults.NotFound("Session not found");
            var me = TokenFilter.CurrentUser(http);
            if (world.FindSession(sessionId) is { } session && !world.SessionPermissions(me, session).Modify)
                return WriteResults.Success(world.AddSessionLog(me, sessionId, []));
            if (http.Request.ContentLength > MaxLogBytes)
                return ApiResults.Error(StatusCodes.Status413PayloadTooLarge, "too_large", "The log document is too large");
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            string xml = await reader.ReadToEndAsync(http.RequestAborted);
            IReadOnlyList<EmulatorSessionLogData> additions;
            try
            {
                additions = SessionLogAdditions.Read(xml);
            }
            catch (SessionLogFormatException ex)
            {
                return ApiResults.Error(StatusCodes.Status403Forbidden, "invalid_log", ex.Message);
            }
            return WriteResults.Success(world.AddSessionLog(me, sessionId, additions));
        });
    }
}

/// <summary>The answers of igtimi.com's writes: the object or <c>{"success":true}</c>, 404 for an unknown object, 401 without the right.</summary>
internal static class WriteResults
{
    public static IResult Success<T>(WriteResult<T> result) => Of(result, _ => Results.Json(new { success = true }));

    public static IResult Of<T>(WriteResult<T> result, Func<T, IResult> done) => result.Status switch
    {
        WriteStatus.Done => done(result.Value!),
        WriteStatus.NotFound => ApiResults.NotFound(result.Message),
        _ => ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthorized", result.Message),
    };
}
