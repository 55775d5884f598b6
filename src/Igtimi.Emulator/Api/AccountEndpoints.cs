namespace Igtimi.Emulator.Api;

/// <summary><c>GET account</c>: the user who owns the token; 401 for an app token, which has none.</summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/account", (HttpContext http) =>
            TokenFilter.CurrentUser(http).Id == EmulatorWorld.AppUserId
                ? ApiResults.Error(StatusCodes.Status401Unauthorized, "no_resource_owner", "An app token (client_credentials) has no user account")
                : Results.Json(new { user = UserJson.From(TokenFilter.CurrentUser(http)) }));
}
