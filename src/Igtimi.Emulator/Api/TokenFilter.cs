using Microsoft.Net.Http.Headers;

namespace Igtimi.Emulator.Api;

/// <summary>
/// Requires a valid access token, taken from <c>Authorization: Bearer</c>, the <c>access_token</c>
/// query parameter, or the <c>access_token</c> field of a form-encoded body (checked in that order).
/// The token's user is available to the endpoint through <see cref="CurrentUser"/>.
/// </summary>
internal sealed class TokenFilter(EmulatorWorld world) : IEndpointFilter
{
    private const string AccessTokenParameter = "access_token";
    private static readonly object UserKey = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string? value = BearerToken(http.Request) ?? QueryToken(http.Request) ?? await FormTokenAsync(http.Request);
        var token = value is null ? null : world.FindToken(value);
        // An app token (client_credentials) acts as a user with no rights: it reads public sessions and data types, and nothing of anyone's.
        var user = token is null ? null : token.UserId == EmulatorWorld.AppUserId ? EmulatorWorld.AppUser : world.FindUser(token.UserId);
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"Igtimi\", error=\"invalid_token\"";
            return ApiResults.Error(StatusCodes.Status401Unauthorized, "invalid_token", "The access token is invalid");
        }

        http.Items[UserKey] = user;
        return await next(context);
    }

    /// <summary>The user whose token authorized this request (only inside endpoints that use the filter).</summary>
    public static EmulatorUser CurrentUser(HttpContext http) =>
        http.Items[UserKey] as EmulatorUser
        ?? throw new InvalidOperationException("The endpoint is not protected by TokenFilter.");

    private static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers[HeaderNames.Authorization];
        const string scheme = "Bearer ";
        return header is not null && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? NonEmpty(header[scheme.Length..].Trim())
            : null;
    }

    private static string? QueryToken(HttpRequest request) => NonEmpty(request.Query[AccessTokenParameter]);

    private static async Task<string?> FormTokenAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
            return null;
        // Buffer so that an endpoint can still read the raw body (the echo endpoint does).
        request.EnableBuffering();
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return NonEmpty(form[AccessTokenParameter]);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
