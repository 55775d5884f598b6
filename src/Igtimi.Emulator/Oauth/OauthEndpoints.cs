namespace Igtimi.Emulator.Oauth;

/// <summary>The OAuth2 provider and its web sign-in. None of these endpoints takes an access token.</summary>
internal static class OauthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        SignInEndpoints.Map(app);
        AuthorizeEndpoints.Map(app);
        TokenEndpoint.Map(app);
    }
}
