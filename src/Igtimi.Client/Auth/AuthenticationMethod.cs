namespace Igtimi.Client.Auth
{
    /// <summary>How a connection got its access token.</summary>
    public enum AuthenticationMethod
    {
        AccessToken,
        Password,
        AuthorizationCode,
        Implicit,
        Environment,
        Anonymous,
        /// <summary>OAuth2 client_credentials: a token for the app itself, with no user behind it.</summary>
        ClientCredentials,
    }
}
