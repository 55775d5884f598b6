using System.Collections.Concurrent;

namespace Igtimi.Emulator.Oauth;

/// <summary>Signed-in browser sessions: the <c>_igtimi_session</c> cookie's random value mapped to a user id.</summary>
internal sealed class LoginSessions(EmulatorWorld world)
{
    public const string CookieName = "_igtimi_session";

    private readonly ConcurrentDictionary<string, long> _sessions = new(StringComparer.Ordinal);

    /// <summary>Starts a session for the user and sets its cookie on the response.</summary>
    public void SignIn(HttpContext http, EmulatorUser user)
    {
        string sessionId = SecretGenerator.NewHex64();
        _sessions[sessionId] = user.Id;
        http.Response.Cookies.Append(CookieName, sessionId, new CookieOptions
        {
            HttpOnly = true,
            Path = "/",
            SameSite = SameSiteMode.Lax,
        });
    }

    /// <summary>The session id and user of the request's cookie, or null when not signed in.</summary>
    public (string SessionId, EmulatorUser User)? Current(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is { } sessionId
            && _sessions.TryGetValue(sessionId, out long userId)
            && world.FindUser(userId) is { } user)
        {
            return (sessionId, user);
        }
        return null;
    }
}
