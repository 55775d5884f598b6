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
    }
}
