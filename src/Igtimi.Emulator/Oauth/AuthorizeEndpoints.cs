using Microsoft.AspNetCore.Http.Extensions;

namespace Igtimi.Emulator.Oauth;

/// <summary>
/// <c>/oauth/authorize</c> (Doorkeeper style): GET shows the sign-in form or the approval page; POST
/// approves (<c>commit=Authorize</c>); POST with <c>_method=delete</c> or <c>commit=Deny</c>, or DELETE, denies.
/// </summary>
internal static class AuthorizeEndpoints
{
    public const string Path = "/oauth/authorize";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, EmulatorWorld world, LoginSessions sessions, FormTokens formTokens) =>
        {
            var request = AuthorizationRequest.Read(world, name => http.Request.Query[name], out string? invalid);
            if (request is null)
                return HtmlPages.Error("Invalid authorization request", invalid!, StatusCodes.Status400BadRequest);
            if (request.ResponseTypeError is { } responseTypeError)
                return ErrorResponse(request, responseTypeError.Error, responseTypeError.Description);

            if (sessions.Current(http) is not { } session)
                return HtmlPages.SignInForm(http.Request.GetEncodedUrl(), formTokens.Issue(sessionId: null));
            return HtmlPages.Approval(request, formTokens.Issue(session.SessionId));
        });

        app.MapPost(Path, DecideAsync);
        app.MapDelete(Path, DecideAsync);
    }

    private static async Task<IResult> DecideAsync(HttpContext http, EmulatorWorld world, LoginSessions sessions,
        FormTokens formTokens, AuthorizationCodes codes)
    {
        var form = http.Request.HasFormContentType
            ? await http.Request.ReadFormAsync(http.RequestAborted)
            : FormCollection.Empty;
        var request = AuthorizationRequest.Read(world, name => form[name], out string? invalid);
        if (request is null)
            return HtmlPages.Error("Invalid authorization request", invalid!, StatusCodes.Status400BadRequest);
        if (sessions.Current(http) is not { } session)
            return HtmlPages.Error("Sign in required", "You need to sign in before continuing.", StatusCodes.Status401Unauthorized);
        var user = session.User;
        if (!formTokens.Verify(form[FormTokens.FieldName], session.SessionId))
            return HtmlPages.Error("Invalid authenticity token", "The form has expired or was already used: go back and try again.",
                StatusCodes.Status422UnprocessableEntity);
        if (request.ResponseTypeError is { } responseTypeError)
            return ErrorResponse(request, responseTypeError.Error, responseTypeError.Description);

        bool deny = HttpMethods.IsDelete(http.Request.Method)
            || string.Equals(form["_method"], "delete", StringComparison.OrdinalIgnoreCase)
            || form["commit"] == "Deny";
        if (deny)
            return ErrorResponse(request, "access_denied", "The resource owner or authorization server denied the request.");

        if (request.ResponseType == AuthorizationRequest.CodeResponse)
        {
            string code = codes.Issue(new AuthorizationCode(request.App.ClientId, request.RedirectUri, user.Id,
                request.CodeChallenge, request.EffectiveChallengeMethod));
            return request.IsOob
                ? HtmlPages.OutOfBand(code)
                : Results.Redirect(RedirectBuilder.Build(request.RedirectUri, inFragment: false, ("code", code), ("state", request.State)));
        }

        var token = world.IssueToken(user, request.App);
        return request.IsOob
            ? HtmlPages.OutOfBand(token.Value)
            : Results.Redirect(RedirectBuilder.Build(request.RedirectUri, inFragment: true,
                ("access_token", token.Value), ("token_type", "bearer"), ("state", request.State)));
    }

    /// <summary>An OAuth error for a request whose redirect URI is valid: redirected, or shown for oob.</summary>
    private static IResult ErrorResponse(AuthorizationRequest request, string error, string description) =>
        request.IsOob
            ? HtmlPages.OutOfBandError(error, description)
            : Results.Redirect(RedirectBuilder.Build(request.RedirectUri, request.UsesFragment,
                ("error", error), ("error_description", description), ("state", request.State)));
}
