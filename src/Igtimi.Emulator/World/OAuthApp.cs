namespace Igtimi.Emulator;

/// <summary>A registered OAuth application, with its redirect URIs stored space-separated as igtimi.com did.</summary>
public sealed record OAuthApp(string Name, string ClientId, string ClientSecret, string RedirectUris)
{
    public IReadOnlyList<string> RedirectUriList { get; } =
        RedirectUris.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
