namespace Igtimi.Emulator.Oauth;

/// <summary>Devise-style web sign-in: <c>GET|POST /users/sign_in</c>.</summary>
internal static class SignInEndpoints
{
    public const string Path = "/users/sign_in";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, FormTokens formTokens) =>
            HtmlPages.SignInForm(NullIfEmpty(http.Request.Query["return_to"]), formTokens.Issue(sessionId: null)));

        app.MapPost(Path, async (HttpContext http, EmulatorWorld world, FormTokens formTokens, LoginSessions sessions) =>
        {
            if (!http.Request.HasFormContentType)
                return HtmlPages.Error("Bad request", "The sign-in form must be posted as a form.", StatusCodes.Status400BadRequest);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            string? email = form["user[email]"];
            string? returnTo = NullIfEmpty(form["return_to"]);

            if (!formTokens.Verify(form[FormTokens.FieldName], sessionId: null))
            {
                return HtmlPages.SignInForm(returnTo, formTokens.Issue(sessionId: null), email,
                    "Invalid authenticity token: reload the form and try again.", StatusCodes.Status422UnprocessableEntity);
            }

            var user = world.FindUserByCredentials(email ?? "", form["user[password]"].ToString());
            if (user is null)
            {
                return HtmlPages.SignInForm(returnTo, formTokens.Issue(sessionId: null), email,
                    "Invalid email or password.", StatusCodes.Status401Unauthorized);
            }

            sessions.SignIn(http, user);
            return LocalTarget(http.Request, returnTo) is { } target ? Results.Redirect(target) : HtmlPages.SignedIn(user);
        });
    }

    /// <summary>
    /// The path and query to go back to after sign-in, when <paramref name="returnTo"/> is on this server
    /// (a local path, or an absolute URL with this request's host); else null, so it is never an open redirect.
    /// </summary>
    private static string? LocalTarget(HttpRequest request, string? returnTo)
    {
        if (returnTo is null)
            return null;
        if (returnTo.StartsWith('/'))
            return returnTo.StartsWith("//", StringComparison.Ordinal) || returnTo.StartsWith("/\\", StringComparison.Ordinal) ? null : returnTo;
        return Uri.TryCreate(returnTo, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? uri.PathAndQuery
            : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
